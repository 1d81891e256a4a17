import Foundation
import Ingest
import Pipeline
import Testing
import PostgresCatalog

/// Servers the tests start themselves through `scripts/`: one throwaway
/// PostgreSQL and one single-node Slurm cluster per test process, stopped
/// (and their directories removed) when the process exits.
enum TestServers {
    /// The PostgreSQL server's directory and its base URL, or why it could not start.
    static let postgres: Result<String, Error> = Result {
        let url = try script("test-postgres.sh", ["start", postgresDirectory])
        atexit { _ = try? TestServers.script("test-postgres.sh", ["stop", TestServers.postgresDirectory]) }
        return url
    }

    /// `SLURM_CONF` of the single-node cluster, or why it could not start.
    static let slurm: Result<String, Error> = Result {
        let line = try script("test-slurm.sh", ["start", slurmDirectory])
        atexit { _ = try? TestServers.script("test-slurm.sh", ["stop", TestServers.slurmDirectory]) }
        return String(line.dropFirst("SLURM_CONF=".count))
    }

    static let postgresDirectory = "/tmp/precis-test-pg-\(getpid())"
    static let slurmDirectory = "/tmp/precis-test-slurm-\(getpid())"

    /// The URL of a new, empty database on the test server.
    static func freshPostgresDatabase() throws -> String {
        _ = try postgres.get()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return try script("test-postgres.sh", ["createdb", postgresDirectory, String(name)])
    }

    /// Runs `scripts/name arguments` and returns its last line of output.
    static func script(_ name: String, _ arguments: [String]) throws -> String {
        let path = repositoryRoot.appendingPathComponent("scripts/\(name)").path
        let result = try ChildProcess.run(path, arguments, timeLimit: 600)
        guard result.status == 0 else {
            throw TestServerFailure(message: "\(name) \(arguments.joined(separator: " ")) failed: "
                                    + result.stderrText)
        }
        let lines = result.stdoutText.split(separator: "\n")
        return lines.last.map(String.init) ?? ""
    }
}

struct TestServerFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The catalog backends every catalog test runs against.
enum CatalogBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty catalog of this kind (a file under `directory`, or a fresh database).
    func open(in directory: URL) throws -> any CatalogStore {
        switch self {
        case .sqlite: try SQLiteCatalog(path: directory.appendingPathComponent("catalog.sqlite").path)
        case .postgres: try PostgresCatalog(url: try TestServers.freshPostgresDatabase())
        }
    }

    /// Opens the same catalog as `catalog` again (what another process does).
    func reopen(_ catalog: any CatalogStore) throws -> any CatalogStore {
        switch self {
        case .sqlite: try SQLiteCatalog(path: catalog.location)
        case .postgres: try PostgresCatalog(url: (catalog as! PostgresCatalog).url)
        }
    }
}
