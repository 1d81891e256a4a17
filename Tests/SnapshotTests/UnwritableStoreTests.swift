import Foundation
import GRDB
import Inference
import Testing
@testable import Snapshot

/// A store that cannot be written (read-only, disk full) failed `ask` and
/// `summarize` although the answer was computed: saving warns and goes on.
@Suite("Unwritable snapshot store")
struct UnwritableStoreTests {
    let root: String
    let config: ModelConfig
    let layout: HeadLayout
    let cache: HybridKVCache
    let warnings = Locked<[String]>([])

    init() throws {
        root = try Fixtures.temporaryDirectory()
        config = try Fixtures.config()
        layout = Fixtures.mixedLayout(config)
        cache = try Fixtures.randomCache(config: config, layout: layout, count: 24, seed: 9)
    }

    func key() -> SnapshotKey {
        SnapshotKey(text: "doc", identity: Fixtures.identity(layout, chunk: 32), framingVersion: 1, codec: .f16)
    }

    func store(directory: String, database: DatabaseQueue) -> SnapshotStore {
        let warnings = self.warnings
        return SnapshotStore(directory: URL(fileURLWithPath: directory), database: database) { message in
            warnings.update { $0.append(message) }
        }
    }

    func database(readOnly: Bool = false) throws -> DatabaseQueue {
        let path = root + "/catalog.sqlite"
        _ = try StateDatabase.open(path: path, migrations: SnapshotRecord.registerMigrations)
        guard readOnly else { return try StateDatabase.open(path: path, migrations: SnapshotRecord.registerMigrations) }
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    @Test("a snapshot directory that cannot be created is warned about, not thrown")
    func directoryCannotBeWritten() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let blocked = root + "/snapshots"
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocked))
        let s = store(directory: blocked, database: try database())
        let record = try s.save(cache: cache, tokens: Fixtures.tokens(24), key: key(), source: "a.txt")
        #expect(record == nil)
        #expect(warnings.value.count == 1)
        #expect(warnings.value.first?.contains("snapshot of a.txt not kept") == true)
        #expect(warnings.value.first?.contains(blocked) == true)
        guard case .miss = try s.load(key(), config: config) else { Issue.record("expected a miss"); return }
    }

    @Test("a read-only index: the snapshot is not indexed, and loading it still works")
    func indexCannotBeWritten() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = store(directory: root + "/snapshots", database: try database(readOnly: true))
        #expect(try s.save(cache: cache, tokens: Fixtures.tokens(24), key: key(), source: "a.txt") == nil)
        #expect(warnings.value.first?.contains("cannot index it") == true)
        guard case let .hit(loaded, tokens, _) = try s.load(key(), config: config, source: "a.txt") else {
            Issue.record("expected the unindexed file to be found by its key"); return
        }
        #expect(tokens == Fixtures.tokens(24))
        #expect(Fixtures.identical(loaded, cache))
        #expect(warnings.value.count == 2)
    }

    @Test("invalid input still throws")
    func invalidInputThrows() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = store(directory: root + "/snapshots", database: try database())
        #expect(throws: SnapshotError.self) {
            try s.save(cache: cache, tokens: Fixtures.tokens(3), key: key(), source: "a.txt")
        }
        #expect(warnings.value.isEmpty)
    }
}
