import Foundation
import GRDB
import Inference

/// Snapshots kept under the cache directory, one `.pkv` file per key, with
/// an index (`SnapshotRegistry`) of what each holds and when it was last used.
///
/// The files are the truth and the index describes them: a file without an
/// index row (a crash between the two writes) is still found by its key, and
/// a row without a file is dropped. A snapshot that fails to load for any
/// reason (stale model or pattern, corruption, truncation) is removed and
/// reported as `.stale`, so the caller prefills again and saves a fresh one.
public final class SnapshotStore: Sendable {
    /// What `load` found.
    public enum Lookup {
        /// A verified cache, the tokens it has seen, and its index row.
        case hit(cache: HybridKVCache, tokens: [Int32], record: SnapshotRecord)
        /// No snapshot for the key.
        case miss
        /// A snapshot existed but could not be used; it was removed.
        case stale(SnapshotError)
    }

    /// Where the `.pkv` files live.
    public let directory: URL
    /// What each file holds and when it was last used.
    public let index: any SnapshotRegistry
    /// Receives one line when a snapshot cannot be kept (see `save`).
    public let warn: @Sendable (String) -> Void
    /// Bytes the stored snapshots may take: each save removes the least
    /// recently used others beyond it (nil: no limit).
    public let budget: Int?

    /// Writes `warning: …` lines to stderr.
    public static let standardError: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// A store of the files under `directory`, indexed in `index`.
    public init(directory: URL, index: any SnapshotRegistry, budget: Int? = nil,
                warn: @escaping @Sendable (String) -> Void = standardError) {
        self.directory = directory
        self.index = index
        self.budget = budget
        self.warn = warn
    }

    /// A store whose index is in `database` (already migrated with
    /// `SnapshotRecord.registerMigrations`, e.g. the pipeline catalog).
    public convenience init(directory: URL, database: DatabaseQueue, budget: Int? = nil,
                            warn: @escaping @Sendable (String) -> Void = standardError) {
        self.init(directory: directory, index: SQLiteSnapshotRegistry(database: database), budget: budget, warn: warn)
    }

    /// A store whose index is the SQLite file at `databasePath`.
    public convenience init(directory: URL, databasePath: String, budget: Int? = nil,
                            warn: @escaping @Sendable (String) -> Void = standardError) throws {
        self.init(directory: directory,
                  database: try StateDatabase.open(path: databasePath, migrations: SnapshotRecord.registerMigrations),
                  budget: budget, warn: warn)
    }

    /// The file a key's snapshot is stored in.
    public func fileURL(for key: SnapshotKey) -> URL {
        fileURL(id: key.id)
    }

    func fileURL(id: String) -> URL {
        directory.appendingPathComponent(String(id.prefix(2)), isDirectory: true)
            .appendingPathComponent(id + ".pkv")
    }

    /// Loads the snapshot of `key` into a ready cache (see `Snapshot.read`
    /// for `config`, `layout`, `maxTokens`, `headroom`) and records the use.
    public func load(_ key: SnapshotKey, config: ModelConfig, layout: HeadLayout? = nil, maxTokens: Int? = nil,
                     headroom: Int = 0, source: String? = nil) throws -> Lookup {
        let id = key.id, path = fileURL(id: id).path
        guard FileManager.default.fileExists(atPath: path) else {
            // Best effort: a stale row costs nothing, a read-only index must not fail the caller.
            try? index.delete(id: id)
            return .miss
        }
        do {
            let loaded = try Snapshot.read(path: path, expecting: key.identity, config: config, layout: layout,
                                           maxTokens: maxTokens, headroom: headroom)
            guard loaded.header.codec == key.codec else {
                throw SnapshotError.settingsMismatch(path: path, setting: "codec", expected: "\(key.codec)",
                                                     found: "\(loaded.header.codec)")
            }
            let record = touch(key, header: loaded.header, source: source)
            return .hit(cache: loaded.cache, tokens: loaded.tokens, record: record)
        } catch let error as SnapshotError {
            try? remove(id: id)
            return .stale(error)
        }
    }

    /// Writes `cache` (which has seen exactly `tokens`) as the snapshot of
    /// `key`, replacing any older one atomically, and indexes it.
    ///
    /// A snapshot only saves time later, so a store that cannot be written
    /// (read-only, disk full, an index that cannot be updated) does not fail
    /// the caller, whose answer is already computed: `warn` gets one line
    /// naming the file and the reason, nothing partial is left, and the
    /// result is nil. Invalid input still throws.
    @discardableResult
    public func save(cache: HybridKVCache, tokens: [Int32], key: SnapshotKey, source: String,
                     level: Int32 = 3, streaming: HeadLayout? = nil) throws -> SnapshotRecord? {
        do {
            let record = try write(cache: cache, tokens: tokens, key: key, source: source, level: level, streaming: streaming)
            keepWithinBudget(sparing: record)
            return record
        } catch let error as SnapshotError {
            guard case .io = error else { throw error }
            warn("snapshot of \(source) not kept: \(error)")
        } catch let error as DatabaseError {
            warn("snapshot of \(source) not kept: cannot index it in \(index.location): \(error.message ?? "\(error)")")
        } catch let error as SnapshotRegistryError {
            warn("snapshot of \(source) not kept: cannot index it in \(index.location): \(error)")
        }
        return nil
    }

    private func write(cache: HybridKVCache, tokens: [Int32], key: SnapshotKey, source: String,
                       level: Int32, streaming: HeadLayout?) throws -> SnapshotRecord {
        let url = fileURL(for: key)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw SnapshotError.io(path: url.deletingLastPathComponent().path, reason: "cannot create the directory: \(error)")
        }
        let bytes = try Snapshot.write(cache: cache, tokens: tokens, identity: key.identity, codec: key.codec,
                                       level: level, streaming: streaming, to: url.path)
        let now = Date()
        let record = SnapshotRecord(key: key, file: relativePath(of: url), source: source, tokens: tokens.count,
                                    bytes: bytes, created: now, lastUsed: now)
        try index.save(record)
        return record
    }

    /// The index row of `key`, if the store has one.
    public func record(for key: SnapshotKey) throws -> SnapshotRecord? {
        try index.record(id: key.id)
    }

    /// Deletes a snapshot's file and index row.
    public func remove(id: String) throws {
        try? FileManager.default.removeItem(at: fileURL(id: id))
        try index.delete(id: id)
    }

    /// Marks a loaded snapshot as used now, indexing it if its row was lost;
    /// when the index cannot be written, warns and returns the row unsaved.
    private func touch(_ key: SnapshotKey, header: SnapshotHeader, source: String?) -> SnapshotRecord {
        let url = fileURL(for: key), now = Date()
        let fresh = SnapshotRecord(key: key, file: relativePath(of: url), source: source ?? "(not indexed)",
                                   tokens: header.tokenCount, bytes: Self.fileSize(url.path), created: header.created,
                                   lastUsed: now)
        do {
            return try index.markUsed(id: key.id, fresh: fresh, now: now, source: source)
        } catch {
            warn("snapshot \(url.path) used, but its use is not recorded in \(index.location): \(error)")
            return fresh
        }
    }

    func relativePath(of url: URL) -> String {
        let base = directory.standardizedFileURL.path, path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

extension SnapshotRecord {
    /// The row describing `key`'s snapshot.
    init(key: SnapshotKey, file: String, source: String, tokens: Int, bytes: Int, created: Date, lastUsed: Date) {
        let i = key.identity
        self.init(id: key.id, file: file, source: source, documentHash: key.documentHash,
                  modelFingerprint: i.modelFingerprint, patternFingerprint: i.patternFingerprint,
                  sparsity: i.sparsity, sink: i.sink, recent: i.recent, chunk: i.chunk,
                  framingVersion: key.framingVersion, codec: key.codec.description, tokens: tokens, bytes: bytes,
                  created: created, lastUsed: lastUsed)
    }
}
