import Foundation
import PostgresNIO

/// What runs statements: the connection, or one transaction on it. Rows
/// travel as JSON: a record is written with `jsonb_populate_record` and
/// read with `row_to_json`, so the columns are the record's coding keys,
/// the same names the SQLite catalog uses.
protocol PostgresStatements {
    /// Each table's columns in order.
    var columns: [String: [String]] { get }
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult
}

extension PostgresStatements {
    /// The records of type `T` that `query` selects as one JSON text column.
    func fetch<T: Decodable>(_ type: T.Type, _ query: PostgresQuery) throws -> [T] {
        try self.query(query).map { row in
            try PostgresRowCoding.decoder.decode(T.self, from: Data(try row.decode(String.self).utf8))
        }
    }

    /// The first record `query` selects, if any.
    func fetchOne<T: Decodable>(_ type: T.Type, _ query: PostgresQuery) throws -> T? {
        try fetch(type, query).first
    }

    /// Inserts `value` into `table`, or replaces the row with the same `key` columns.
    func upsert<T: Encodable>(_ value: T, into table: String, key: [String]) throws {
        let others = (columns[table] ?? []).filter { !key.contains($0) }
        let conflict = key.map(Self.quoted).joined(separator: ", ")
        let update = others.isEmpty ? "DO NOTHING"
            : "DO UPDATE SET (\(others.map(Self.quoted).joined(separator: ", "))) = ROW("
                + others.map { "EXCLUDED." + Self.quoted($0) }.joined(separator: ", ") + ")"
        let json = try PostgresRowCoding.json(value)
        try query("""
            INSERT INTO \(unescaped: Self.quoted(table)) SELECT * FROM jsonb_populate_record(NULL::\(unescaped: Self.quoted(table)), \(json)::jsonb)
            ON CONFLICT (\(unescaped: conflict)) \(unescaped: update)
            """)
    }

    /// Inserts `values` into `table` in one statement.
    func insert<T: Encodable>(_ values: [T], into table: String) throws {
        guard !values.isEmpty else { return }
        let json = try PostgresRowCoding.json(values)
        try query("""
            INSERT INTO \(unescaped: Self.quoted(table))
            SELECT * FROM jsonb_populate_recordset(NULL::\(unescaped: Self.quoted(table)), \(json)::jsonb)
            """)
    }

    /// How many rows `query` (an UPDATE or DELETE) changed.
    func changes(_ query: PostgresQuery) throws -> Int {
        try self.query(query).metadata.rows ?? 0
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Records as the JSON PostgreSQL reads and writes: coding keys as column
/// names, dates as ISO 8601 with milliseconds (written) and as
/// `row_to_json` prints a `timestamptz` in UTC (read).
enum PostgresRowCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
            }
            return date
        }
        return decoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `2026-12-04T05:45:34.123456+00:00` (fraction optional) as a date.
    static func parse(_ text: String) -> Date? {
        var text = text
        if text.hasSuffix("+00:00") { text = String(text.dropLast(6)) + "Z" }
        if let dot = text.firstIndex(of: "."), let end = text[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            let digits = text[text.index(after: dot)..<end].prefix(3)
            text = String(text[..<dot]) + "." + digits.padding(toLength: 3, withPad: "0", startingAt: 0) + text[end...]
        }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
