import Foundation
import GGUF
import Inference
import Testing
@testable import Snapshot

/// Snapshots that must not be used: other model, tokenizer, pattern or
/// settings; truncated, corrupted, foreign or newer files.
@Suite("Snapshot refusal")
struct RefusalTests {
    struct Written {
        let config: ModelConfig
        let layout: HeadLayout
        let identity: SnapshotIdentity
        let path: String
        let bytes: [UInt8]
    }

    static func written(codec: SnapshotCodec = .f16, count: Int = 150) throws -> Written {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: count, seed: 3)
        let identity = Fixtures.identity(layout)
        let path = Fixtures.temporaryPath("refuse.pkv")
        try Snapshot.write(cache: cache, tokens: Fixtures.tokens(count), identity: identity, codec: codec, to: path)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return Written(config: config, layout: layout, identity: identity, path: path, bytes: bytes)
    }

    /// The error reading `bytes` as a snapshot gives, or nil if it loads.
    static func loadError(_ bytes: [UInt8], _ w: Written) -> SnapshotError? {
        let path = Fixtures.temporaryPath("damaged.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            _ = try Snapshot.read(path: path, expecting: w.identity, config: w.config)
            return nil
        } catch let e as SnapshotError {
            let verified = (try? Snapshot.verify(path: path)) == nil
            return verified ? e : .invalidInput("verify accepted what read refused: \(e)")
        } catch {
            return .invalidInput("unexpected error \(error)")
        }
    }

    @Test("a different model, tokenizer or pattern is refused and named")
    func fingerprints() throws {
        let w = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: w.path) }
        let cases: [(WritableKeyPath<SnapshotIdentity, String>, SnapshotError.Fingerprint)] = [
            (\.modelFingerprint, .model), (\.tokenizerFingerprint, .tokenizer), (\.patternFingerprint, .pattern),
        ]
        for (key, which) in cases {
            var other = w.identity
            other[keyPath: key] = "something-else"
            do {
                _ = try Snapshot.read(path: w.path, expecting: other, config: w.config)
                Issue.record("\(which) mismatch accepted")
            } catch let SnapshotError.fingerprintMismatch(path, named, _, _) {
                #expect(named == which && path == w.path)
            }
        }
    }

    @Test("a snapshot made with another weights file of the same header is neither found nor loaded")
    func otherWeightsSameHeader() throws {
        let pathA = try TinyModel.write(seed: 12)
        defer { try? FileManager.default.removeItem(atPath: pathA) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pathA)))
        let a = try GGUFFile(path: pathA)
        bytes[a.dataOffset + 9] ^= 0x10
        let pathB = Fixtures.temporaryPath("other-weights.gguf")
        defer { try? FileManager.default.removeItem(atPath: pathB) }
        try Data(bytes).write(to: URL(fileURLWithPath: pathB))
        let b = try GGUFFile(path: pathB)
        #expect(a.headerFingerprint == b.headerFingerprint)

        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try SnapshotStore(directory: URL(fileURLWithPath: root + "/snapshots"), databasePath: root + "/catalog.sqlite")
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let made = Fixtures.identity(layout, model: a.contentFingerprint(cache: nil))
        let asked = Fixtures.identity(layout, model: b.contentFingerprint(cache: nil))
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 40, seed: 3)
        let keyA = SnapshotKey(text: "doc", identity: made, framingVersion: 1, codec: .f16)
        let saved = try #require(try store.save(cache: cache, tokens: Fixtures.tokens(40), key: keyA, source: "a.txt"))
        guard case .miss = try store.load(SnapshotKey(text: "doc", identity: asked, framingVersion: 1, codec: .f16), config: config)
        else { Issue.record("the other weights' snapshot was found"); return }
        do {
            _ = try Snapshot.read(path: store.path(of: saved), expecting: asked, config: config)
            Issue.record("the other weights' snapshot was loaded")
        } catch let SnapshotError.fingerprintMismatch(_, which, _, _) {
            #expect(which == .model)
        }
    }

    @Test("different settings, shape or layout are refused and named")
    func settings() throws {
        let w = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: w.path) }
        func setting(_ identity: SnapshotIdentity, config: ModelConfig? = nil, layout: HeadLayout? = nil,
                     maxTokens: Int? = nil) -> String? {
            do {
                _ = try Snapshot.read(path: w.path, expecting: identity, config: config ?? w.config, layout: layout,
                                      maxTokens: maxTokens)
                return nil
            } catch let SnapshotError.settingsMismatch(_, setting, _, _) {
                return setting
            } catch { return "\(error)" }
        }
        var i = w.identity
        i.sparsity = 0.75
        #expect(setting(i) == "sparsity")
        i = w.identity; i.sink = 64
        #expect(setting(i) == "sink")
        i = w.identity; i.recent = 256
        #expect(setting(i) == "recent")
        i = w.identity; i.chunk = 512
        #expect(setting(i) == "chunk size")
        #expect(setting(w.identity, config: try Fixtures.config(layers: 4)) == "layer count")
        #expect(setting(w.identity, config: try Fixtures.config(headDim: 32)) == "head dimension")
        // A snapshot may stream more heads than the reader, never fewer.
        let allStreaming = HeadLayout(kinds: w.layout.kinds.map { $0.map { _ in .streaming } }, sink: w.layout.sink,
                                      recent: w.layout.recent)
        #expect(setting(w.identity, layout: allStreaming) == "head layout")
        #expect(setting(w.identity, layout: HeadLayout.full(w.config)) == nil)
        #expect(setting(w.identity, maxTokens: 100) == "context bound")
        #expect(setting(w.identity, layout: w.layout, maxTokens: 150) == nil)
    }

    @Test("truncation at every section boundary and elsewhere is detected", arguments: SnapshotCodec.allCases)
    func truncation(codec: SnapshotCodec) throws {
        let w = try Self.written(codec: codec)
        defer { try? FileManager.default.removeItem(atPath: w.path) }
        let summary = try Snapshot.verify(path: w.path)
        let headerSize = summary.sections[0].offset
        var cuts: Set<Int> = [0, 1, 7, 8, 15, 16, 40, headerSize - 1, headerSize, w.bytes.count - 1, w.bytes.count - 8,
                              w.bytes.count - 32, w.bytes.count - 33]
        for s in summary.sections { cuts.formUnion([s.offset, s.offset + 1, s.offset + s.storedSize / 2, s.offset + s.storedSize - 1]) }
        let footer = summary.sections.last!.offset + summary.sections.last!.storedSize
        cuts.formUnion([footer, footer + 1, footer + 32])
        for cut in cuts.sorted() where cut < w.bytes.count {
            let error = Self.loadError(Array(w.bytes[0..<cut]), w)
            #expect(error != nil, "cut at \(cut) of \(w.bytes.count) loaded")
            if case .invalidInput? = error { Issue.record("cut at \(cut): \(error!)") }
        }
        // Appended garbage is not a valid snapshot either.
        #expect(Self.loadError(w.bytes + [0], w) != nil)
    }

    @Test("every flipped byte of header and index, and random flips elsewhere, are detected",
          arguments: SnapshotCodec.allCases)
    func byteFlips(codec: SnapshotCodec) throws {
        let w = try Self.written(codec: codec, count: 60)
        defer { try? FileManager.default.removeItem(atPath: w.path) }
        let summary = try Snapshot.verify(path: w.path)
        let headerSize = summary.sections[0].offset
        let footer = summary.sections.last!.offset + summary.sections.last!.storedSize
        var rng = SplitMix64(seed: 77)
        var positions = Array(0..<headerSize) + Array(footer..<w.bytes.count)
        positions += (0..<150).map { _ in headerSize + Int(rng.next() % UInt64(footer - headerSize)) }
        for p in positions {
            var bytes = w.bytes
            bytes[p] ^= UInt8(1 + rng.next() % 255)
            let error = Self.loadError(bytes, w)
            #expect(error != nil, "flip at \(p) of \(w.bytes.count) went unnoticed")
            if case .invalidInput? = error { Issue.record("flip at \(p): \(error!)") }
        }
    }

    @Test("foreign files and other format versions get their own errors")
    func foreignAndVersions() throws {
        let w = try Self.written()
        defer { try? FileManager.default.removeItem(atPath: w.path) }
        if case .notASnapshot? = Self.loadError(Array("GGUF and other things that are not snapshots".utf8), w) {} else {
            Issue.record("a foreign file was not refused as not a snapshot")
        }
        for version in [0, 4, 99] {
            var bytes = w.bytes
            bytes[8] = UInt8(version)
            guard case let .unsupportedVersion(_, found, supported)? = Self.loadError(bytes, w) else {
                Issue.record("version \(version) not refused as unsupported"); continue
            }
            #expect(found == version && supported == SnapshotHeader.currentVersion)
        }
        #expect(throws: SnapshotError.self) { _ = try Snapshot.header(path: w.path + ".missing") }
        let message = "\(SnapshotError.checksumMismatch(path: "/x/a.pkv", section: 3, name: "layer 2"))"
        #expect(message.contains("/x/a.pkv") && message.contains("section 3") && message.contains("layer 2"))
    }
}
