import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The SQLite file under the state directory that indexes snapshots and,
/// when the pipeline uses it, holds the pipeline catalog too. Each module
/// registers its own migrations; a database migrated by a newer or larger
/// set of modules still opens.
public enum StateDatabase {
    /// Opens (creating the file and its directory if needed) the database at
    /// `path` and applies `migrations`. Waits up to 30 s for another process
    /// holding the write lock. Migrations run under an exclusive file lock
    /// (`<path>.lock`), so processes opening a new database at once do not
    /// both create its tables.
    ///
    /// A file that is not an SQLite database, or whose pages are corrupt,
    /// throws `StateDatabaseDamaged`, which names it and says how to start
    /// a new one.
    public static func open(path: String, migrations: (inout DatabaseMigrator) -> Void) throws -> DatabaseQueue {
        do {
            return try openQueue(path: path, migrations: migrations)
        } catch let error as DatabaseError where StateDatabaseDamaged.isDamage(error.resultCode) {
            throw StateDatabaseDamaged(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    private static func openQueue(path: String, migrations: (inout DatabaseMigrator) -> Void) throws -> DatabaseQueue {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrations(&migrator)
        let lock = Glibc.open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                close(lock)
            }
        }
        try migrator.migrate(queue)
        return queue
    }
}
