import Foundation
import Testing
@testable import Pipeline

/// Handing a run's documents to workers, for every backend: claims under a
/// lease, renewal, takeover of an expired lease, commits refused twice, and
/// many workers at once taking every document exactly once.
@Suite("Work claims")
struct WorkClaimTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-work-\(UUID().uuidString)")

    static func items(run: Int64, count: Int) -> [WorkItem] {
        (0..<count).map { i in
            let relative = String(format: "doc-%04d.txt", i)
            let document = DiscoveredDocument(root: URL(fileURLWithPath: "/library"), relativePath: relative,
                                              url: URL(fileURLWithPath: "/library/" + relative))
            return WorkItem(runID: run, position: i, document: document, collision: nil, bytes: 100)
        }
    }

    static func commit(_ claim: WorkClaim, run: Int64) -> ResultCommit {
        let path = claim.item.path
        return ResultCommit(document: DocumentRecord(path: path, contentHash: "h", format: "text", tokens: 1, lastSeen: Date()),
                            result: ResultRecord(path: path, settingsKey: "k", runID: run, contentHash: "h", status: .ok,
                                                 error: nil, markdownPath: path + ".md", jsonPath: nil, finished: Date()),
                            segments: [])
    }

    static func summarized(_ claim: WorkClaim) -> BatchEntry {
        BatchEntry(document: claim.item.relativePath, status: .summarized, summary: claim.item.relativePath + ".summary.md")
    }

    @Test(arguments: CatalogBackend.allCases)
    func claimsAreExclusiveRenewableAndCommittedOnce(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let run = try catalog.startRun(pipeline: "p", configHash: "h", local: false).id!
        try catalog.enqueue(Self.items(run: run, count: 3))
        let a = try #require(try catalog.claim(runID: run, worker: "a:1", lease: 60, maxAttempts: 3))
        let b = try #require(try catalog.claim(runID: run, worker: "b:2", lease: 60, maxAttempts: 3))
        #expect(a.item.position == 0 && b.item.position == 1 && a.token != b.token)
        #expect(try catalog.renew(a, lease: 60))
        try catalog.complete(a, entry: Self.summarized(a), commit: Self.commit(a, run: run))
        #expect(throws: WorkRefusal.alreadyDone(document: "doc-0000.txt")) {
            try catalog.complete(a, entry: Self.summarized(a), commit: Self.commit(a, run: run))
        }
        #expect(try !catalog.renew(a, lease: 60), "a finished claim is not renewed")
        try catalog.release(b)
        let again = try #require(try catalog.claim(runID: run, worker: "c:3", lease: 60, maxAttempts: 3))
        #expect(again.item.position == 1 && again.item.attempts == 2)
        #expect(try catalog.progress(runID: run) == {
            var p = WorkProgress([]); p.total = 3; p.pending = 1; p.claimed = 1; p.done = 1; p.workers = ["c:3"]; return p
        }())
        #expect(try catalog.work(runID: run).first?.outcome?.status == .summarized)
        #expect(try catalog.results().count == 1)
    }

    @Test(arguments: CatalogBackend.allCases)
    func anExpiredLeaseIsTakenOverAndTheLateCommitRefused(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let run = try catalog.startRun(pipeline: "p", configHash: "h", local: false).id!
        try catalog.enqueue(Self.items(run: run, count: 2))
        let lost = try #require(try catalog.claim(runID: run, worker: "dead:1", lease: 0.2, maxAttempts: 2))
        Thread.sleep(forTimeInterval: 0.4)
        let taken = try #require(try catalog.claim(runID: run, worker: "live:2", lease: 0.2, maxAttempts: 2))
        #expect(taken.item.position == lost.item.position && taken.item.attempts == 2)
        #expect(try !catalog.renew(lost, lease: 60))
        #expect(throws: WorkRefusal.leaseLost(document: "doc-0000.txt")) {
            try catalog.complete(lost, entry: Self.summarized(lost), commit: Self.commit(lost, run: run))
        }
        // Its second worker is lost too: the document is given up, not handed out forever.
        Thread.sleep(forTimeInterval: 0.4)
        let next = try #require(try catalog.claim(runID: run, worker: "live:3", lease: 60, maxAttempts: 2))
        #expect(next.item.position == 1)
        let given = try catalog.work(runID: run)[0]
        #expect(given.state == .done && given.outcome?.status == .failed)
        #expect(given.outcome?.error?.contains("lost 2 times") == true)
        #expect(try catalog.claim(runID: run, worker: "live:3", lease: 60, maxAttempts: 2) == nil)
        #expect(try catalog.results().isEmpty, "nothing of the lost claims was recorded")
    }

    /// Eight workers, each with its own connection, over 1,000 documents of
    /// a summarizer that takes no time: every document is committed exactly once.
    @Test(arguments: CatalogBackend.allCases)
    func eightWorkersTakeAThousandDocumentsExactlyOnce(_ backend: CatalogBackend) throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = try backend.open(in: root)
        let run = try catalog.startRun(pipeline: "p", configHash: "h", local: false).id!
        try catalog.enqueue(Self.items(run: run, count: 1000))
        let connections = try (0..<8).map { _ in try backend.reopen(catalog) }
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var committed: [Int: Int] = [:]
            var errors: [String] = []
        }
        let tally = Tally()
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let mine = connections[worker]
            do {
                while let claim = try mine.claim(runID: run, worker: "w:\(worker)", lease: 60, maxAttempts: 3) {
                    try mine.complete(claim, entry: Self.summarized(claim), commit: Self.commit(claim, run: run))
                    tally.lock.withLock { tally.committed[claim.item.position, default: 0] += 1 }
                }
            } catch {
                tally.lock.withLock { tally.errors.append("\(error)") }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("claim stress (\(backend.rawValue)): 8 workers, 1000 documents, \(String(format: "%.2f", seconds)) s, "
              + "\(Int(1000 / seconds)) claims+commits/s")
        #expect(tally.errors.isEmpty, "\(tally.errors.prefix(3))")
        #expect(tally.committed.count == 1000 && tally.committed.values.allSatisfy { $0 == 1 })
        #expect(try catalog.progress(runID: run).done == 1000)
        #expect(try catalog.results(runID: run).count == 1000)
    }
}
