import Foundation
import GRDB
import Inference
import Testing
@testable import Snapshot

/// Snapshots that stream more heads than the cache they were made from
/// (smaller files), and the store's byte budget.
@Suite("Snapshot sparsity and store budget")
struct SnapshotSparsityTests {
    /// `layout` with every head of layer 0 streaming as well.
    static func moreStreaming(_ layout: HeadLayout) -> HeadLayout {
        var kinds = layout.kinds
        kinds[0] = kinds[0].map { _ in .streaming }
        return HeadLayout(kinds: kinds, sink: layout.sink, recent: layout.recent)
    }

    @Test("a head the snapshot streams keeps exactly its sink and recent rows; the others are untouched",
          arguments: [0, 3, 11, 13, 300])
    func demotedHeadsKeepTheirWindow(count: Int) throws {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config), stored = Self.moreStreaming(layout)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: count, seed: 3)
        let identity = Fixtures.identity(layout)
        let path = Fixtures.temporaryPath("sparser.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: cache, tokens: Fixtures.tokens(count), identity: identity, streaming: stored, to: path)
        let back = try Snapshot.read(path: path, expecting: identity, config: config, layout: layout)
        #expect(back.cache.layout == stored && back.header.kinds == stored.kinds)
        let d = config.headDim
        for l in 0..<config.layerCount {
            for h in 0..<config.kvHeadCount {
                let original = Fixtures.rows(cache, l, h), restored = Fixtures.rows(back.cache, l, h)
                guard layout.kinds[l][h] == .retrieval, stored.kinds[l][h] == .streaming else {
                    #expect(original.keys.map(\.bitPattern) == restored.keys.map(\.bitPattern), "l\(l) h\(h)")
                    continue
                }
                let positions = back.cache.positions(layer: l, head: h)
                #expect(positions == SectionCodec.streamingPositions(count: count, sink: layout.sink, recent: layout.recent))
                for (i, p) in positions.enumerated() {
                    #expect(Array(original.keys[(p * d)..<((p + 1) * d)]).map(\.bitPattern)
                        == Array(restored.keys[(i * d)..<((i + 1) * d)]).map(\.bitPattern), "key l\(l) h\(h) p\(p)")
                    #expect(Array(original.values[(p * d)..<((p + 1) * d)]).map(\.bitPattern)
                        == Array(restored.values[(i * d)..<((i + 1) * d)]).map(\.bitPattern), "value l\(l) h\(h) p\(p)")
                }
            }
        }
    }

    @Test("a snapshot may not stream fewer heads than the cache, nor be read by a cache streaming more")
    func fewerStreamingHeadsRefused() throws {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config), sparser = Self.moreStreaming(layout)
        let cache = try Fixtures.randomCache(config: config, layout: sparser, count: 40, seed: 4)
        let path = Fixtures.temporaryPath("fewer.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SnapshotError.self) {
            try Snapshot.write(cache: cache, tokens: Fixtures.tokens(40), identity: Fixtures.identity(sparser),
                               streaming: layout, to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        let full = try Fixtures.randomCache(config: config, layout: layout, count: 40, seed: 4)
        try Snapshot.write(cache: full, tokens: Fixtures.tokens(40), identity: Fixtures.identity(layout), to: path)
        #expect(throws: SnapshotError.self) {
            _ = try Snapshot.read(path: path, expecting: Fixtures.identity(layout), config: config, layout: sparser)
        }
    }

    @Test("saving beyond the store's budget removes the least recently used other snapshots, and says so")
    func budgetRemovesLeastRecentlyUsed() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 64, seed: 5)
        let identity = Fixtures.identity(layout, chunk: 32)
        func key(_ text: String) -> SnapshotKey { SnapshotKey(text: text, identity: identity, framingVersion: 1, codec: .f16) }
        let probe = try SnapshotStore(directory: URL(fileURLWithPath: root + "/probe"), databasePath: root + "/probe.sqlite")
        let one = try #require(try probe.save(cache: cache, tokens: Fixtures.tokens(64), key: key("a"), source: "a")).bytes
        let warnings = Locked<[String]>([])
        let database = try StateDatabase.open(path: root + "/catalog.sqlite", migrations: SnapshotRecord.registerMigrations)
        let store = SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), database: database,
                                  budget: 2 * one + one / 2) { message in warnings.update { $0.append(message) } }
        for (i, text) in ["a", "b", "c"].enumerated() {
            try store.save(cache: cache, tokens: Fixtures.tokens(64), key: key(text), source: text)
            Thread.sleep(forTimeInterval: 0.01 * Double(i + 1))
        }
        #expect(Set(try store.list().map(\.source)) == ["b", "c"] && warnings.value.isEmpty == false)
        #expect(warnings.value.first?.contains("least recently used") == true)
        let lone = try SnapshotStore(directory: URL(fileURLWithPath: root + "/lone"), databasePath: root + "/lone.sqlite",
                                     budget: one / 2)
        #expect(try lone.save(cache: cache, tokens: Fixtures.tokens(64), key: key("z"), source: "z") != nil,
                "a snapshot larger than the whole budget is still kept: it is the one in use")
    }
}
