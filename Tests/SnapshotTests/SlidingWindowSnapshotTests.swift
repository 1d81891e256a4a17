import Foundation
import Inference
import Testing
@testable import Snapshot

/// Snapshots of a model with sliding-window layers (the Gemma 3 architecture
/// model `make arch-models` writes: layer 0 slides with a window of 8, layer
/// 1 is global) store only what each window still reaches.
@Suite("Snapshots of sliding-window layers")
struct SlidingWindowSnapshotTests {
    static let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/arch-models/gemma3.gguf").standardized.path

    static func model() throws -> Model {
        try #require(FileManager.default.fileExists(atPath: modelPath), "\(modelPath) is missing: `make arch-models` writes it")
        return try Model.load(path: modelPath)
    }

    @Test("a restored session decodes bit-identically; the window's rows are all the file holds", arguments: [false, true])
    func roundTrip(duo: Bool) throws {
        let model = try Self.model()
        let layout = duo ? HeadLayout(kinds: [[.retrieval, .retrieval], [.streaming, .retrieval]], sink: 4, recent: 16)
            : HeadLayout.full(model.config)
        let identity = Fixtures.identity(layout, chunk: 7)
        let prompt = (0..<90).map { Int32(3 + $0 * 13 % 120) }
        let original = Session(model: model, layout: layout, chunkSize: 7)
        try original.prefill(prompt)
        let path = Fixtures.temporaryPath("sliding.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Snapshot.write(cache: original.cache, tokens: prompt, identity: identity, codec: .f16, to: path)

        let summary = try Snapshot.verify(path: path)
        #expect(summary.header.version == 3)
        #expect(summary.header.windows == [8, 0])
        let back = try Snapshot.read(path: path, expecting: identity, config: model.config, layout: layout)
        #expect(back.cache.heldRows(layer: 0, head: 0) == 7)
        #expect(back.cache.positions(layer: 0, head: 1) == Array(83..<90))
        let restored = Session(model: model, cache: back.cache, chunkSize: 7)
        for (i, token) in prompt.prefix(15).enumerated() {
            let a = try original.step(token), b = try restored.step(token)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "step \(i) differs")
        }
    }

    @Test("a file that kept every row of a sliding layer (before version 3) is refused by name")
    func olderFilesAreRefused() throws {
        let model = try Self.model()
        let session = Session(model: model, chunkSize: 7)
        try session.prefill((0..<30).map { Int32(3 + $0) })
        let layout = HeadLayout.full(model.config), identity = Fixtures.identity(layout, chunk: 7)
        #expect(throws: SnapshotError.self) {
            try Snapshot.write(cache: session.cache, tokens: (0..<30).map { Int32(3 + $0) }, identity: identity,
                               formatVersion: 2, to: Fixtures.temporaryPath("old.pkv"))
        }
        var header = SnapshotHeader(version: 2, identity: identity, codec: .f16, groups: QuantizationGroups(),
                                    layerCount: 2, kvHeadCount: model.config.kvHeadCount, headDim: model.config.headDim,
                                    tokenCount: 30, kinds: layout.kinds, created: Date())
        #expect {
            try Snapshot.checkWindows(header, config: model.config, path: "old.pkv")
        } throws: { error in
            "\(error)".contains("old.pkv") && "\(error)".contains("sliding windows") && "\(error)".contains("version 2")
        }
        header.version = 3
        header.windows = [8, 0]
        try Snapshot.checkWindows(header, config: model.config, path: "new.pkv")
    }
}
