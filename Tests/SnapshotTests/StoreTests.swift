import Foundation
import GRDB
import Inference
import Testing
@testable import Snapshot

/// The snapshot store: keyed files, the SQLite index, stale snapshots, pruning.
@Suite("Snapshot store")
struct StoreTests {
    /// A store in a fresh temporary directory, a config, a layout and a cache.
    struct Setup {
        let root: String
        let store: SnapshotStore
        let config: ModelConfig
        let layout: HeadLayout
        let cache: HybridKVCache
        let tokens: [Int32]

        init(count: Int = 40) throws {
            root = try Fixtures.temporaryDirectory()
            store = try SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), databasePath: root + "/state/catalog.sqlite")
            config = try Fixtures.config()
            layout = Fixtures.mixedLayout(config)
            cache = try Fixtures.randomCache(config: config, layout: layout, count: count, seed: 3)
            tokens = Fixtures.tokens(count)
        }

        func key(_ document: String = "doc", codec: SnapshotCodec = .f16, chunk: Int = 32) -> SnapshotKey {
            SnapshotKey(text: document, identity: Fixtures.identity(layout, chunk: chunk), framingVersion: 1, codec: codec)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test("a saved snapshot loads back identical and is indexed with size, tokens and use times")
    func saveAndLoad() throws {
        let s = try Setup()
        defer { s.remove() }
        let key = s.key()
        guard case .miss = try s.store.load(key, config: s.config) else { Issue.record("expected a miss"); return }
        let saved = try #require(try s.store.save(cache: s.cache, tokens: s.tokens, key: key, source: "a.txt"))
        #expect(saved.tokens == 40 && saved.source == "a.txt" && saved.codec == "f16")
        #expect(saved.bytes == (try FileManager.default.attributesOfItem(atPath: s.store.path(of: saved))[.size] as? Int))
        guard case let .hit(cache, tokens, record) = try s.store.load(key, config: s.config, headroom: 100) else {
            Issue.record("expected a hit"); return
        }
        #expect(tokens == s.tokens)
        #expect(Fixtures.identical(cache, s.cache))
        #expect(record.lastUsed >= saved.lastUsed)
        #expect(try s.store.list().map(\.id) == [key.id])
    }

    @Test("every part of the key changes the snapshot id")
    func keyFields() throws {
        let s = try Setup()
        defer { s.remove() }
        let base = s.key()
        var variants = [s.key("other"), s.key(codec: .int8), s.key(chunk: 64)]
        var framing = base
        framing.framingVersion = 2
        variants.append(framing)
        for field in 0..<6 {
            var k = base
            switch field {
            case 0: k.identity.modelFingerprint = "model-b"
            case 1: k.identity.tokenizerFingerprint = "tok-b"
            case 2: k.identity.patternFingerprint = "p-b"
            case 3: k.identity.sparsity = 0.25
            case 4: k.identity.sink = 9
            default: k.identity.recent = 9
            }
            variants.append(k)
        }
        let ids = Set(variants.map(\.id) + [base.id])
        #expect(ids.count == variants.count + 1)
    }

    @Test("a corrupt snapshot is reported stale and removed, file and row")
    func corruptIsStale() throws {
        let s = try Setup()
        defer { s.remove() }
        let key = s.key()
        let record = try #require(try s.store.save(cache: s.cache, tokens: s.tokens, key: key, source: "a.txt"))
        let path = s.store.path(of: record)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard case .stale(let error) = try s.store.load(key, config: s.config) else { Issue.record("expected stale"); return }
        #expect(error.description.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try s.store.record(for: key) == nil)
        guard case .miss = try s.store.load(key, config: s.config) else { Issue.record("expected a miss"); return }
    }

    @Test("a snapshot of another shape (a different model) is stale, not a crash")
    func otherShapeIsStale() throws {
        let s = try Setup()
        defer { s.remove() }
        let key = s.key()
        try s.store.save(cache: s.cache, tokens: s.tokens, key: key, source: "a.txt")
        let other = try Fixtures.config(layers: 4)
        guard case .stale = try s.store.load(key, config: other) else { Issue.record("expected stale"); return }
    }

    @Test("list drops rows whose file is gone and indexes files it did not know")
    func reconcile() throws {
        let s = try Setup()
        defer { s.remove() }
        let a = try #require(try s.store.save(cache: s.cache, tokens: s.tokens, key: s.key("a"), source: "a"))
        let b = try #require(try s.store.save(cache: s.cache, tokens: s.tokens, key: s.key("b"), source: "b"))
        try FileManager.default.removeItem(atPath: s.store.path(of: a))
        _ = try (s.store.index as! SQLiteSnapshotRegistry).database.write { try SnapshotRecord.deleteOne($0, key: b.id) }  // as if killed between file and row
        let listed = try s.store.list()
        #expect(listed.map(\.id) == [b.id])
        #expect(listed[0].source == "(not indexed)" && listed[0].tokens == 40)
        // The lost row comes back with its source on the next load.
        guard case .hit(_, _, let record) = try s.store.load(s.key("b"), config: s.config, source: "b") else {
            Issue.record("expected a hit"); return
        }
        #expect(record.source == "b")
    }

    @Test("prune removes the unused-for-long, then the least recently used over the size limit, and stale temporaries")
    func prune() throws {
        let s = try Setup()
        defer { s.remove() }
        var records: [SnapshotRecord] = []
        for name in ["old", "mid", "new", "newest"] {
            records.append(try #require(try s.store.save(cache: s.cache, tokens: s.tokens, key: s.key(name), source: name)))
        }
        let now = Date()
        let ages: [Double] = [40 * 86_400, 3 * 86_400, 2 * 86_400, 60]
        try (s.store.index as! SQLiteSnapshotRegistry).database.write { db in
            for (record, age) in zip(records, ages) {
                var r = record
                r.lastUsed = now.addingTimeInterval(-age)
                try r.update(db)
            }
        }
        let temp = s.store.path(of: records[3]) + ".tmp-1-2"
        FileManager.default.createFile(atPath: temp, contents: Data([1, 2, 3]),
                                       attributes: [.modificationDate: now.addingTimeInterval(-7200)])
        let size = records[0].bytes
        let removed = try s.store.prune(maxBytes: 2 * size, olderThan: 30 * 86_400, now: now)
        #expect(removed.map(\.source) == ["old", "mid"])
        #expect(try s.store.list().map(\.source) == ["newest", "new"])
        #expect(!FileManager.default.fileExists(atPath: temp))
        #expect(!FileManager.default.fileExists(atPath: s.store.path(of: records[0])))
    }

    @Test("many connections opening a new catalog at once all succeed (migrations do not race)")
    func concurrentFirstOpen() throws {
        for round in 0..<4 {
            let root = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                do {
                    _ = try SnapshotStore(directory: URL(fileURLWithPath: root + "/s"), databasePath: root + "/catalog.sqlite").list()
                } catch {
                    failures.update { $0 += 1 }
                }
            }
            #expect(failures.value == 0, "round \(round)")
        }
    }

    @Test("two stores on one catalog file (the pipeline's and the CLI's) share the index")
    func sharedDatabase() throws {
        let s = try Setup()
        defer { s.remove() }
        try s.store.save(cache: s.cache, tokens: s.tokens, key: s.key(), source: "a")
        let queue = try StateDatabase.open(path: s.root + "/state/catalog.sqlite") { migrator in
            SnapshotRecord.registerMigrations(&migrator)
            migrator.registerMigration("another-module-v1") { db in
                try db.create(table: "other") { $0.column("x", .integer) }
            }
        }
        let second = SnapshotStore(directory: s.store.directory, database: queue)
        #expect(try second.list().map(\.source) == ["a"])
        // The first set of migrations still opens a database migrated further.
        _ = try SnapshotStore(directory: s.store.directory, databasePath: s.root + "/state/catalog.sqlite")
    }
}
