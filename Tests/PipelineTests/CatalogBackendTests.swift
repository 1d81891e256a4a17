import Foundation
import Testing
@testable import Pipeline
@testable import Snapshot

/// The catalog's bookkeeping, the same for every backend: SQLite, and a
/// real PostgreSQL server the suite starts itself.
@Suite("Catalog backends")
struct CatalogBackendTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-catalog-\(UUID().uuidString)")

    static func document(_ path: String, _ hash: String = "c1") -> DocumentRecord {
        DocumentRecord(path: path, contentHash: hash, format: "text", tokens: 3, lastSeen: Date())
    }

    static func result(_ path: String, key: String = "k", run: Int64, markdown: String? = nil) -> ResultRecord {
        ResultRecord(path: path, settingsKey: key, runID: run, contentHash: "c1", status: .ok, error: nil,
                     markdownPath: markdown ?? "/o\(path).summary.md", jsonPath: nil, finished: Date())
    }

    static func segment(_ path: String, key: String = "k", _ position: Int = 0) -> SegmentRecord {
        SegmentRecord(path: path, settingsKey: key, position: position, label: "Part \(position + 1)",
                      citation: "Part \(position + 1)", text: "text", tokens: 3)
    }

    @Test(arguments: CatalogBackend.allCases)
    func runsLeftRunningAreMarkedKilledAndResultsDecideSkipping(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let live = try catalog.startRun(pipeline: "p", configHash: "h")
        var dead = try catalog.startRun(pipeline: "p", configHash: "h")
        dead.processID = Int32.max  // no such process
        try catalog.update(dead)
        var submitted = try catalog.startRun(pipeline: "p", configHash: "h", local: false)  // workers elsewhere keep it
        var second = try catalog.startRun(pipeline: "p", configHash: "h")
        let status = Dictionary(uniqueKeysWithValues: try catalog.runs(pipeline: "p").map { ($0.id!, $0.status) })
        #expect(status[live.id!] == .running && status[dead.id!] == .killed && status[submitted.id!] == .running)
        #expect(try catalog.run(id: submitted.id!)?.host == HostName.current)
        try catalog.record(document: Self.document("/d/a.txt"), result: Self.result("/d/a.txt", run: second.id!),
                           segments: [Self.segment("/d/a.txt"), Self.segment("/d/a.txt", 1)])
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "k", contentHash: "c1") != nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "k", contentHash: "c2") == nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "other", contentHash: "c1") == nil)
        // Recording again replaces, never duplicates.
        try catalog.record(document: Self.document("/d/a.txt"), result: Self.result("/d/a.txt", run: second.id!),
                           segments: [Self.segment("/d/a.txt")])
        #expect(try catalog.results().count == 1)
        #expect(try catalog.segments(under: "/d").count == 1)
        #expect(try catalog.segments(under: "/d/a.txt").count == 1)
        #expect(try catalog.segments(under: "/e").isEmpty)
        second.status = .completed
        second.summarized = 1
        #expect(try catalog.close(second))
        #expect(try !catalog.close(second), "a run is ended once")
        #expect(try catalog.run(id: second.id!).map { ($0.status, $0.summarized) } ?? (.running, 0) == (.completed, 1))
        submitted.status = .failed
        try catalog.update(submitted)
    }

    @Test(arguments: CatalogBackend.allCases)
    func aResultOwnsItsOutputsAndChangedDocumentsAreLeftOutOfQuestions(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let run = try catalog.startRun(pipeline: "p", configHash: "h")
        func record(_ key: String) throws {
            try catalog.record(document: Self.document("/d/a.txt"),
                               result: Self.result("/d/a.txt", key: key, run: run.id!, markdown: "/o/a.txt.summary.md"),
                               segments: [Self.segment("/d/a.txt", key: key)])
        }
        // short, then long over the same output files, then short again: short must not count as done.
        try record("short")
        try record("long")
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "short", contentHash: "c1") == nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "long", contentHash: "c1") != nil)
        #expect(try catalog.segments(under: "/d") { _, hash in hash == "c1" }.count == 1)
        #expect(try catalog.segments(under: "/d") { _, hash in hash == "c2" }.isEmpty)
    }

    @Test(arguments: CatalogBackend.allCases)
    func runHistoryListsEveryPipelineNewestFirstWithEachRunsResults(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let first = try catalog.startRun(pipeline: "nightly", configHash: "a")
        let second = try catalog.startRun(pipeline: "summarize", configHash: "b")
        for path in ["/d/b.txt", "/d/B.txt", "/d/a.txt"] {
            try catalog.record(document: Self.document(path), result: Self.result(path, run: first.id!), segments: [])
        }
        #expect(try catalog.runs(limit: 10).map(\.id) == [second.id, first.id])
        #expect(try catalog.runs(limit: 1).map(\.id) == [second.id])
        #expect(try catalog.run(id: first.id!)?.pipeline == "nightly" && catalog.run(id: 999) == nil)
        #expect(try catalog.results(runID: first.id!).map(\.path) == ["/d/B.txt", "/d/a.txt", "/d/b.txt"])
        #expect(try catalog.results(runID: second.id!).isEmpty)
        let stored = try #require(try catalog.run(id: first.id!))
        #expect(abs(stored.started.timeIntervalSince(first.started)) < 0.002, "dates keep their milliseconds")
    }

    @Test(arguments: CatalogBackend.allCases)
    func snapshotsAreIndexedInTheCatalog(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let registry = catalog.snapshotRegistry
        func record(_ id: String, used: Date) -> SnapshotRecord {
            SnapshotRecord(id: id, file: "\(id).pkv", source: "/d/\(id).txt", documentHash: "h-\(id)", modelFingerprint: "m",
                           patternFingerprint: "p", sparsity: 0.5, sink: 4, recent: 256, chunk: 512, framingVersion: 1,
                           codec: "zstd", tokens: 100, bytes: 4096, created: used, lastUsed: used)
        }
        try registry.save(record("a", used: Date(timeIntervalSinceNow: -100)))
        try registry.save(record("b", used: Date(timeIntervalSinceNow: -50)))
        #expect(try registry.all().map(\.id) == ["b", "a"])
        let marked = try registry.markUsed(id: "a", fresh: record("a", used: .distantPast), now: Date(), source: "/d/a.txt#2")
        #expect(marked.source == "/d/a.txt#2" && marked.tokens == 100)
        #expect(try registry.all().map(\.id) == ["a", "b"])
        try registry.reconcile(dropping: ["b"], adding: [record("c", used: Date(timeIntervalSinceNow: -10))])
        #expect(try registry.ids() == ["a", "c"])
        try registry.delete(id: "a")
        #expect(try registry.record(id: "a") == nil && registry.record(id: "c")?.sparsity == 0.5)
    }
}
