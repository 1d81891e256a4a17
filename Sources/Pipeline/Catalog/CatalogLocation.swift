import Foundation

/// Where a catalog lives: a SQLite file (the embedded default, for one
/// machine) or a PostgreSQL database (`postgres://…`, shared by workers on
/// many machines).
///
/// Chosen by the pipeline file's `catalog:` key, else `$PRECIS_CATALOG`,
/// else the state directory's `catalog.sqlite`.
public enum CatalogLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    /// The URL as written, password included (kept out of `description`).
    case postgres(url: String)

    /// A catalog given as text could not be used; `reason` says why, without any password.
    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// `text` as a location: a `postgres://` or `postgresql://` URL, or a
    /// SQLite file path (through `resolve`, for paths relative to a file).
    public init(_ text: String, resolve: (String) -> URL = { URL(fileURLWithPath: $0) }) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: trimmed), components.host != nil || trimmed.contains("host=") else {
                throw Invalid(reason: "\(Self.redact(trimmed)) is not a postgres://user@host/database URL")
            }
            self = .postgres(url: trimmed)
        } else if trimmed.contains("://") {
            throw Invalid(reason: "\(Self.redact(trimmed)): a catalog is a postgres:// URL or a SQLite file path")
        } else if trimmed.isEmpty {
            throw Invalid(reason: "the catalog is empty")
        } else {
            self = .sqlite(path: resolve(trimmed).path)
        }
    }

    /// The catalog a command uses: `configured` (a pipeline file's key) when
    /// set, else `$PRECIS_CATALOG`, else the state directory's file.
    public static func resolve(_ configured: CatalogLocation?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               paths: PrecisPaths = .fromEnvironment()) throws -> CatalogLocation {
        if let configured { return configured }
        if let text = environment["PRECIS_CATALOG"], !text.isEmpty {
            do { return try CatalogLocation(text) } catch let error as Invalid {
                throw Invalid(reason: "PRECIS_CATALOG: \(error.reason)")
            }
        }
        return .sqlite(path: paths.catalog.path)
    }

    /// Whether processes on other machines can share it.
    public var isShared: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// The location without a password, for messages and logs.
    public var description: String {
        switch self {
        case let .sqlite(path): return path
        case let .postgres(url): return Self.redact(url)
        }
    }

    /// `url` with its password replaced by `***`.
    static func redact(_ url: String) -> String {
        guard let at = url.range(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at.lowerBound else { return url }
        let credentials = url[scheme.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
    }
}
