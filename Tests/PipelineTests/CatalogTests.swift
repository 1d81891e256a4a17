import Foundation
import Testing
@testable import Pipeline

/// The catalog's run bookkeeping and the run lock, without a model.
@Suite("Catalog and run lock")
struct CatalogTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-catalog-\(UUID().uuidString)")

    @Test func runsLeftRunningAreMarkedKilledAndResultsDecideSkipping() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent("catalog.sqlite").path)
        var first = try catalog.startRun(pipeline: "p", configHash: "h")  // never finished: its process died
        first.processID = Int32.max
        try catalog.update(first)
        var second = try catalog.startRun(pipeline: "p", configHash: "h")
        #expect(try catalog.runs(pipeline: "p").map(\.status) == [.running, .killed])
        let result = ResultRecord(path: "/d/a.txt", settingsKey: "k", runID: second.id!, contentHash: "c1", status: .ok,
                                  error: nil, markdownPath: "/o/a.md", jsonPath: "/o/a.json", finished: Date())
        let segment = SegmentRecord(path: "/d/a.txt", settingsKey: "k", position: 0, label: "Part 1", citation: "Part 1",
                                    text: "text", tokens: 3)
        try catalog.record(document: DocumentRecord(path: "/d/a.txt", contentHash: "c1", format: "text", tokens: 3, lastSeen: Date()),
                           result: result, segments: [segment, { var s = segment; s.position = 1; return s }()])
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "k", contentHash: "c1") != nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "k", contentHash: "c2") == nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "other", contentHash: "c1") == nil)
        // Recording again replaces, never duplicates.
        try catalog.record(document: DocumentRecord(path: "/d/a.txt", contentHash: "c1", format: "text", tokens: 3, lastSeen: Date()),
                           result: result, segments: [segment])
        #expect(try catalog.results().count == 1)
        #expect(try catalog.segments(under: "/d").count == 1)
        #expect(try catalog.segments(under: "/d/a.txt").count == 1)
        #expect(try catalog.segments(under: "/e").isEmpty)
        second.status = .completed
        try catalog.update(second)
        #expect(try catalog.runs(pipeline: "p").first?.status == .completed)
        _ = first
    }

    @Test func aResultOwnsItsOutputsAndChangedDocumentsAreLeftOutOfQuestions() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent("catalog.sqlite").path)
        let run = try catalog.startRun(pipeline: "p", configHash: "h")
        func record(_ key: String) throws {
            try catalog.record(document: DocumentRecord(path: "/d/a.txt", contentHash: "c1", format: "text", tokens: 3, lastSeen: Date()),
                               result: ResultRecord(path: "/d/a.txt", settingsKey: key, runID: run.id!, contentHash: "c1",
                                                    status: .ok, error: nil, markdownPath: "/o/a.txt.summary.md",
                                                    jsonPath: "/o/a.txt.summary.json", finished: Date()),
                               segments: [SegmentRecord(path: "/d/a.txt", settingsKey: key, position: 0, label: "Part 1",
                                                        citation: "Part 1", text: "text", tokens: 3)])
        }
        // short, then long over the same output files, then short again: short must not count as done.
        try record("short")
        try record("long")
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "short", contentHash: "c1") == nil)
        #expect(try catalog.successfulResult(path: "/d/a.txt", settingsKey: "long", contentHash: "c1") != nil)
        #expect(try catalog.segments(under: "/d") { _, hash in hash == "c1" }.count == 1)
        #expect(try catalog.segments(under: "/d") { _, hash in hash == "c2" }.isEmpty)
    }

    @Test func inputsWithTheSameRelativePathAreCaughtBeforeTheyOverwriteEachOther() {
        let docs = [DiscoveredDocument(root: URL(fileURLWithPath: "/a"), relativePath: "README.md", url: URL(fileURLWithPath: "/a/README.md")),
                    DiscoveredDocument(root: URL(fileURLWithPath: "/a"), relativePath: "x.txt", url: URL(fileURLWithPath: "/a/x.txt")),
                    DiscoveredDocument(root: URL(fileURLWithPath: "/b"), relativePath: "README.md", url: URL(fileURLWithPath: "/b/README.md"))]
        let reasons = BatchRunner.collisions(docs)
        #expect(reasons[0] == nil && reasons[1] == nil)
        #expect(reasons[2]?.contains("/b/README.md has the same relative path as /a/README.md") == true)
    }

    @Test func aSecondRunIntoTheSameOutputIsRefusedWhileTheFirstHoldsTheLock() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        var held: RunLock? = try RunLock(pipeline: "nightly", output: out, stateDirectory: root, wait: false)
        #expect(throws: RunLock.Busy.self) { try RunLock(pipeline: "nightly", output: out, stateDirectory: root, wait: false) }
        #expect(throws: RunLock.Busy.self) {
            try RunLock(pipeline: "other", output: URL(fileURLWithPath: root.path + "/./out/"), stateDirectory: root, wait: false)
        }
        held = nil
        _ = try RunLock(pipeline: "nightly", output: out, stateDirectory: root, wait: false)
        _ = held
    }

    /// A refused lock must close its descriptor once: closing it again (as
    /// the class's deinit would after a throwing init) closes whatever file
    /// another thread opened under the same number in between — a catalog's
    /// SQLite file, whose next write then fails with a disk I/O error.
    @Test func aRefusedLockClosesOnlyItsOwnDescriptor() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let held = try RunLock(pipeline: "p", output: out, stateDirectory: root, wait: false)
        final class Shared: @unchecked Sendable { let lock = NSLock(); var done = false; var lost = 0 }
        let shared = Shared()
        let state = root
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 0 {
                for _ in 0..<3000 { _ = try? RunLock(pipeline: "p", output: out, stateDirectory: state, wait: false) }
                shared.lock.withLock { shared.done = true }
            } else {
                while !shared.lock.withLock({ shared.done }) {
                    let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                    for _ in 0..<20 { _ = getpid() }
                    if fcntl(fd, F_GETFD) == -1 || close(fd) != 0 { shared.lock.withLock { shared.lost += 1 } }
                }
            }
        }
        #expect(shared.lost == 0, "descriptors of another thread closed by refused locks: \(shared.lost)")
        withExtendedLifetime(held) {}
    }

    @Test func adHocRunsIntoDifferentOutputsDoNotShareALock() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try RunLock(pipeline: "summarize", output: root.appendingPathComponent("a"), stateDirectory: root, wait: false)
        let second = try RunLock(pipeline: "summarize", output: root.appendingPathComponent("b"), stateDirectory: root, wait: false)
        withExtendedLifetime((first, second)) {}
    }

    @Test func startingARunMarksOnlyRunsOfDeadProcessesKilled() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent("catalog.sqlite").path)
        let live = try catalog.startRun(pipeline: "summarize", configHash: "a")
        var dead = try catalog.startRun(pipeline: "summarize", configHash: "b")
        dead.processID = Int32.max  // no such process
        try catalog.update(dead)
        _ = try catalog.startRun(pipeline: "summarize", configHash: "c")
        let status = Dictionary(uniqueKeysWithValues: try catalog.runs(pipeline: "summarize").map { ($0.id!, $0.status) })
        #expect(status[live.id!] == .running && status[dead.id!] == .killed)
    }

    @Test func runHistoryListsEveryPipelineNewestFirstWithEachRunsResults() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent("catalog.sqlite").path)
        let first = try catalog.startRun(pipeline: "nightly", configHash: "a")
        let second = try catalog.startRun(pipeline: "summarize", configHash: "b")
        try catalog.record(document: DocumentRecord(path: "/d/a.txt", contentHash: "h", format: "plainText", tokens: 5, lastSeen: Date()),
                           result: ResultRecord(path: "/d/a.txt", settingsKey: "k", runID: first.id!, contentHash: "h", status: .ok,
                                                error: nil, markdownPath: "/o/a.txt.summary.md", jsonPath: nil, finished: Date()),
                           segments: [])
        #expect(try catalog.runs(limit: 10).map(\.id) == [second.id, first.id])
        #expect(try catalog.runs(limit: 1).map(\.id) == [second.id])
        #expect(try catalog.run(id: first.id!)?.pipeline == "nightly" && catalog.run(id: 999) == nil)
        #expect(try catalog.results(runID: first.id!).map(\.path) == ["/d/a.txt"] && catalog.results(runID: second.id!).isEmpty)
    }
}
