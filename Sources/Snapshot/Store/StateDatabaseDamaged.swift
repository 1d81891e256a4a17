import Foundation
import GRDB

/// The catalog file exists but SQLite cannot use it: it is not a database
/// (garbage, another kind of file, a partial copy) or its pages are corrupt.
///
/// Nothing can open it, so every command that needs the catalog would fail
/// with SQLite's bare message; this names the file and the way out: move it
/// aside (with its `-wal` and `-shm` companions, whose pages would otherwise
/// be replayed into the new file) and Precis starts a new, empty catalog.
/// What is lost is the index: snapshot files are found again from their
/// headers, summaries stay in their output directories.
public struct StateDatabaseDamaged: Error, CustomStringConvertible, Equatable {
    public let path: String
    /// SQLite's own words ("file is not a database").
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The command that moves the damaged file (and companions that exist) aside.
    public var moveAside: String {
        ([path] + ["-wal", "-shm"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) })
            .map { "mv \($0) \($0).damaged" }.joined(separator: " && ")
    }

    public var description: String {
        "catalog \(path) is damaged (\(reason)); move it aside to start a new one: \(moveAside)"
    }

    /// Whether an SQLite result means the file itself is unusable.
    static func isDamage(_ code: ResultCode) -> Bool {
        code.primaryResultCode == .SQLITE_NOTADB || code.primaryResultCode == .SQLITE_CORRUPT
    }
}
