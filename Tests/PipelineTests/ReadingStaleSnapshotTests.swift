import Foundation
import Snapshot
import Testing
@testable import Pipeline

/// A stored snapshot that cannot be used is read again, and the user is told why, once.
@Suite("Reading past a stale snapshot", .serialized)
struct ReadingStaleSnapshotTests {
    /// Collects what the store warns about.
    final class Warnings: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    @Test("a damaged snapshot is re-prefilled with one warning naming the document and the reason",
          .enabled(if: ReadingTests.modelPath != nil, "the default model is not installed; run `precis model fetch`"))
    func damagedSnapshot() throws {
        let reading = try ReadingTests.reading()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-stale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let warnings = Warnings()
        let store = try SnapshotStore(directory: root.appendingPathComponent("snapshots"),
                                      databasePath: root.appendingPathComponent("catalog.sqlite").path,
                                      warn: { warnings.add($0) })
        let reader = DocumentReader(reading: reading, store: store)
        _ = try reader.read(ReadingTests.document, source: "contract.txt")
        let file = store.fileURL(for: reader.key(for: ReadingTests.document))
        var bytes = [UInt8](try Data(contentsOf: file))
        for i in bytes.count / 2..<min(bytes.count, bytes.count / 2 + 64) { bytes[i] ^= 0xFF }
        try Data(bytes).write(to: file)

        let again = try reader.read(ReadingTests.document, source: "contract.txt")
        #expect(!again.fromSnapshot && again.staleReason != nil)
        #expect(warnings.all.count == 1, "warnings: \(warnings.all)")
        #expect(warnings.all.first?.contains("contract.txt") == true
                && warnings.all.first?.contains(again.staleReason ?? "?") == true)

        let third = try reader.read(ReadingTests.document, source: "contract.txt")
        #expect(third.fromSnapshot && warnings.all.count == 1)
    }
}
