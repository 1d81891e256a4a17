import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user[:password]@host[:port]/database[?sslmode=…&host=/socket/dir]`
/// URL, as libpq reads one: `host=` in the query names a directory holding
/// the server's unix socket; `sslmode` is `disable`, `prefer` (the default)
/// or `require`.
public struct PostgresURL: Sendable, Equatable {
    public enum SSLMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The unix socket's directory, when connecting through one.
    public var socketDirectory: String?
    public var sslMode: SSLMode

    /// Whether `text` is meant as a PostgreSQL URL (rather than a file path).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; throws a message naming what is wrong (never the password).
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresFailure(location: "the catalog URL", reason: "not a postgres://user@host/database URL")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let mode = query["sslmode"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw PostgresFailure(location: "the catalog URL", reason: "sslmode=\(mode): use disable, prefer or require")
        }
        self.sslMode = sslMode
        if database.isEmpty { database = user }
    }

    /// The URL without its password, for messages and records.
    public var redacted: String {
        var text = "postgres://\(user)@\(host)"
        if port != 5432 { text += ":\(port)" }
        text += "/\(database)"
        if let socketDirectory { text += "?host=\(socketDirectory)" }
        return text
    }

    /// How PostgresNIO connects to it: session time zone UTC, so timestamps read back alike everywhere.
    func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user,
                                  password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: user, password: password, database: database,
                                  tls: try tls())
        }
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "precis")]
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        switch sslMode {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}

/// The PostgreSQL catalog could not be reached, or refused a statement:
/// where (its URL without the password) and why, in the server's words.
public struct PostgresFailure: Error, CustomStringConvertible, LocalizedError {
    public let location: String
    public let reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
    public var errorDescription: String? { description }
}
