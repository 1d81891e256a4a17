import Foundation
import Testing
@testable import Pipeline

/// Output collisions and the run lock, without a model (the catalog's
/// bookkeeping is in `CatalogBackendTests`, for every backend).
@Suite("Catalog and run lock")
struct CatalogTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-catalog-\(UUID().uuidString)")

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
}
