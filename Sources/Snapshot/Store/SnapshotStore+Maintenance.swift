import Foundation
import GGUF

/// Listing, checking and pruning the stored snapshots.
extension SnapshotStore {
    /// Every stored snapshot, most recently used first. Brings the index in
    /// line with the files first: rows whose file is gone are dropped, files
    /// the index does not know are added from their headers.
    public func list() throws -> [SnapshotRecord] {
        try reconcile()
        return try index.all()
    }

    /// The snapshots whose id starts with `prefix` (as `list` shows them).
    public func records(matching prefix: String) throws -> [SnapshotRecord] {
        try list().filter { $0.id.hasPrefix(prefix.lowercased()) }
    }

    /// The absolute path of a record's file.
    public func path(of record: SnapshotRecord) -> String {
        directory.appendingPathComponent(record.file).path
    }

    /// Reads and checks the whole file of `record` (every checksum; see
    /// `Snapshot.verify`).
    public func verify(_ record: SnapshotRecord) -> Result<SnapshotSummary, SnapshotError> {
        Result { try Snapshot.verify(path: path(of: record)) }.mapError { error in
            error as? SnapshotError ?? .io(path: path(of: record), reason: "\(error)")
        }
    }

    /// Removes snapshots last used before `now − olderThan`, then the least
    /// recently used until the rest take at most `maxBytes`, plus temporary
    /// files left by interrupted writes: at once when the process that wrote
    /// one is gone (its pid is in the name), else once it is an hour old.
    /// Returns what was removed.
    @discardableResult
    public func prune(maxBytes: Int? = nil, olderThan: TimeInterval? = nil, now: Date = Date()) throws -> [SnapshotRecord] {
        var kept = try list()  // most recently used first
        var removed: [SnapshotRecord] = []
        if let olderThan {
            let cutoff = now.addingTimeInterval(-olderThan)
            removed += kept.filter { $0.lastUsed < cutoff }
            kept.removeAll { $0.lastUsed < cutoff }
        }
        if let maxBytes {
            var total = kept.reduce(0) { $0 + $1.bytes }
            while total > maxBytes, let last = kept.popLast() {
                removed.append(last)
                total -= last.bytes
            }
        }
        for record in removed { try remove(id: record.id) }
        removeAbandonedTemporaries(olderThan: now.addingTimeInterval(-3600))
        return removed
    }

    private func reconcile() throws {
        let files = snapshotFiles()
        let ids = Set(files.map { ($0.lastPathComponent as NSString).deletingPathExtension })
        let known = try index.ids()
        let missing = known.subtracting(ids)
        let unknown = files.filter { !known.contains(($0.lastPathComponent as NSString).deletingPathExtension) }
        let found = unknown.compactMap { url -> SnapshotRecord? in
            guard let header = try? Snapshot.header(path: url.path) else { return nil }
            let id = (url.lastPathComponent as NSString).deletingPathExtension
            let i = header.identity
            return SnapshotRecord(id: id, file: relativePath(of: url), source: "(not indexed)", documentHash: "",
                                  modelFingerprint: i.modelFingerprint, patternFingerprint: i.patternFingerprint,
                                  sparsity: i.sparsity, sink: i.sink, recent: i.recent, chunk: i.chunk,
                                  framingVersion: 0, codec: header.codec.description, tokens: header.tokenCount,
                                  bytes: Self.fileSize(url.path), created: header.created, lastUsed: header.created)
        }
        try index.reconcile(dropping: missing, adding: found)
    }

    /// Every `.pkv` file under the store's directory.
    private func snapshotFiles() -> [URL] {
        allFiles().filter { $0.pathExtension == "pkv" }
    }

    private func allFiles() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    private func removeAbandonedTemporaries(olderThan cutoff: Date) {
        TemporaryName.removeAbandoned(allFiles().filter { $0.lastPathComponent.contains(".pkv.tmp-") }, olderThan: cutoff)
    }
}
