import Foundation
import Testing
@testable import Pipeline

/// The catalog's run bookkeeping and the run lock, without a model.
@Suite("Catalog and run lock")
struct CatalogTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-catalog-\(UUID().uuidString)")

    @Test func runsLeftRunningAreMarkedKilledAndResultsDecideSkipping() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try Catalog(path: root.appendingPathComponent("catalog.sqlite").path)
        let first = try catalog.startRun(pipeline: "p", configHash: "h")  // never finished: as if killed
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
        let catalog = try Catalog(path: root.appendingPathComponent("catalog.sqlite").path)
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

    @Test func aSecondRunOfThePipelineIsRefusedWhileTheFirstHoldsTheLock() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var held: RunLock? = try RunLock(name: "nightly", stateDirectory: root, wait: false)
        #expect(throws: RunLock.Busy.self) { try RunLock(name: "nightly", stateDirectory: root, wait: false) }
        _ = try RunLock(name: "other", stateDirectory: root, wait: false)
        held = nil
        _ = try RunLock(name: "nightly", stateDirectory: root, wait: false)
        _ = held
    }
}
