import Foundation
import Testing
@testable import Snapshot

/// Replays the inputs scripts/fuzz.sh saved for the `snapshot` target
/// (Fixtures/fuzz-regressions/snapshot) through the function the target
/// calls, and checks the resealing that lets the target past checksums.
@Suite struct SnapshotFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/snapshot")

    /// Every saved input of the folder (its README aside).
    static var inputs: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func savedInputsAreReadOrRefused() throws {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
        let scratch = Fixtures.temporaryPath("replay.pkv")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for input in Self.inputs {
            do { try SnapshotFuzzEntry.read([UInt8](try Data(contentsOf: input)), scratch: scratch) } catch is SnapshotError {}
        }
    }

    /// Found by the fuzzer: layer and head counts near 2³² each, whose
    /// product overflows, were multiplied before either was bounded.
    @Test func hugeLayerAndHeadCountsAreRefused() throws {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 4, seed: 3)
        let path = Fixtures.temporaryPath("huge-shape.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: cache, tokens: Fixtures.tokens(4), identity: Fixtures.identity(layout), to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.replaceSubrange(24..<32, with: [0xF7, 0xFF, 0xFF, 0xFF, 0xFD, 0xFF, 0xFF, 0xFF])
        try Data(SnapshotFuzzEntry.resealed(bytes)).write(to: URL(fileURLWithPath: path))
        #expect { _ = try Snapshot.header(path: path) } throws: { "\($0)".contains("impossible shape") }
    }

    /// An intact snapshot is left as it is; a damaged one gets checksums that
    /// match its damage, so the reader goes on to the damaged field itself.
    @Test func resealingRecomputesEveryChecksum() throws {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 20, seed: 7)
        let path = Fixtures.temporaryPath("reseal.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: cache, tokens: Fixtures.tokens(20), identity: Fixtures.identity(layout), to: path)
        let intact = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(SnapshotFuzzEntry.resealed(intact) == intact)
        try SnapshotFuzzEntry.read(intact, scratch: path)

        var damaged = intact
        damaged[24] ^= 0x01  // the layer count, under the header checksum
        try Data(SnapshotFuzzEntry.resealed(damaged)).write(to: URL(fileURLWithPath: path))
        #expect { _ = try Snapshot.verify(path: path) } throws: { error in
            guard let error = error as? SnapshotError else { return false }
            return !"\(error)".contains("checksum")
        }
    }
}
