import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the catalog's database for synchronous callers (the
/// batch worker, the commands): statements wait for their result, one at a
/// time, and a connection the server closed is opened again on the next
/// statement outside a transaction.
final class PostgresLink: PostgresStatements, @unchecked Sendable {
    let url: PostgresURL
    private let configuration: PostgresConnection.Configuration
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Each table's columns in order, read once the schema is migrated.
    private(set) var columns: [String: [String]] = [:]
    private let logger: Logger = {
        var logger = Logger(label: "precis.postgres")
        logger.logLevel = .critical
        return logger
    }()

    init(url: PostgresURL) throws {
        self.url = url
        configuration = try url.configuration()
        lock.withLock { _ = try? open() }
    }

    deinit { try? connection?.close().wait() }

    /// Runs `query` and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try lock.withLock { try run(query, retrying: true) }
    }

    /// Reads the tables' columns (after migrating), for `upsert`.
    func loadColumns() throws {
        var found: [String: [String]] = [:]
        for row in try query("""
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """) {
            let (table, column) = try row.decode((String, String).self)
            found[table, default: []].append(column)
        }
        lock.withLock { columns = found }
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK when it throws), holding
    /// the connection so no other statement of this process interleaves.
    func transaction<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try lock.withLock {
            try run("BEGIN", retrying: true)
            do {
                let value = try body(PostgresTransaction(link: self))
                try run("COMMIT", retrying: false)
                return value
            } catch {
                _ = try? run("ROLLBACK", retrying: false)
                throw error
            }
        }
    }

    /// Runs `query` on the open connection (the caller holds the lock).
    @discardableResult
    fileprivate func run(_ query: PostgresQuery, retrying: Bool) throws -> PostgresQueryResult {
        do {
            return try open().query(query, logger: logger).wait()
        } catch is PSQLError where retrying && connection?.isClosed != false {
            connection = nil
            do { return try open().query(query, logger: logger).wait() } catch { throw failure(error) }
        } catch {
            throw failure(error)
        }
    }

    private func open() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        do {
            let opened = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: configuration, id: 1, logger: logger).wait()
            connection = opened
            return opened
        } catch {
            throw failure(error, connecting: true)
        }
    }

    /// `error` as a `PostgresFailure` in the server's words.
    func failure(_ error: Error, connecting: Bool = false) -> PostgresFailure {
        if let failure = error as? PostgresFailure { return failure }
        guard let error = error as? PSQLError else {
            return PostgresFailure(location: url.redacted, reason: "\(error)")
        }
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            return PostgresFailure(location: url.redacted, reason: message + detail)
        }
        let cause = error.underlying.map { ": \($0)" } ?? ""
        let what = connecting ? "cannot connect" : "the connection failed"
        return PostgresFailure(location: url.redacted, reason: "\(what) (\(error.code))\(cause)")
    }
}

/// Statements inside one `PostgresLink.transaction`.
struct PostgresTransaction: PostgresStatements {
    fileprivate let link: PostgresLink
    var columns: [String: [String]] { link.columns }

    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try link.run(query, retrying: false)
    }
}
