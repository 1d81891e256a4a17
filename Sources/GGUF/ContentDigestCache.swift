import Foundation

/// Full-content SHA-256 digests of large files (models), remembered in one
/// JSON file in the state directory, keyed by path and `FileIdentity`.
///
/// Hashing a 500 MB model takes seconds; its digest is computed once per
/// version of the file and read back on later loads as long as the file's
/// identity (device, inode, size, modification and change times) is the
/// same. A file replaced, rewritten or touched gets a new identity and is
/// hashed again. The cache is best effort: a missing, unreadable or
/// unwritable cache file only means hashing again.
public struct ContentDigestCache: Sendable {
    /// The JSON file (`model-digests.json` in the state directory).
    public let file: URL
    /// Entries kept; the least recently recorded go first.
    public var capacity = 64

    public init(file: URL) {
        self.file = file
    }

    /// One remembered digest.
    struct Entry: Codable {
        var path: String
        var identity: FileIdentity
        var sha256: String
        var recorded: Date
    }

    /// The digest of `path` at `identity`: remembered, or computed by
    /// `compute` and remembered.
    public func digest(path: String, identity: FileIdentity, compute: () throws -> String) rethrows -> String {
        let entries = load()
        if let hit = entries.first(where: { $0.path == path && $0.identity == identity }) { return hit.sha256 }
        let digest = try compute()
        var kept = entries.filter { $0.path != path }
        kept.append(Entry(path: path, identity: identity, sha256: digest, recorded: Date()))
        kept.sort { $0.recorded > $1.recorded }
        save(Array(kept.prefix(capacity)))
        return digest
    }

    private func load() -> [Entry] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        return (try? JSONFormat.decoder.decode([Entry].self, from: data)) ?? []
    }

    private func save(_ entries: [Entry]) {
        guard let data = try? JSONFormat.data(entries) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? AtomicFile.write(Array(data), to: file.path)
    }
}
