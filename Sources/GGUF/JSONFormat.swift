import Foundation

/// The one JSON shape Precis writes and reads: snake_case keys, ISO 8601
/// dates, sorted keys and pretty printing (stable diffs), unescaped slashes.
/// Every JSON file, sidecar and `--json` report goes through it.
public enum JSONFormat {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    /// `value` encoded, ending in a newline (as a file or a printed report).
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// The same shape on one line (a server-sent event, a response body).
    public static let compactEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// `value` encoded on one line, without a newline.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try compactEncoder.encode(value), as: UTF8.self)
    }

    /// `value` encoded as text, without the final newline (for `print`).
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
