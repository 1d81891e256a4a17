import Foundation
import GGUF
import GGUFWriting
import Inference
@testable import Snapshot

/// Model shapes, random caches, identities and temporary paths for the snapshot tests.
enum Fixtures {
    /// A `ModelConfig` of the given shape, read from a metadata-only GGUF file.
    static func config(layers: Int = 3, kvHeads: Int = 2, headDim: Int = 16, context: Int = 4096) throws -> ModelConfig {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        for (k, v) in [("context_length", context), ("embedding_length", kvHeads * 2 * headDim), ("block_count", layers),
                       ("feed_forward_length", 64), ("attention.head_count", kvHeads * 2),
                       ("attention.head_count_kv", kvHeads), ("vocab_size", 100)] {
            w.set("llama.\(k)", .uint32(UInt32(v)))
        }
        let path = temporaryPath("config.gguf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try w.write(to: path)
        return try ModelConfig(gguf: GGUFFile(path: path))
    }

    /// Kinds alternating by layer and head so every layer mixes both kinds
    /// when there are two or more heads.
    static func mixedLayout(_ config: ModelConfig, sink: Int = 4, recent: Int = 8) -> HeadLayout {
        let kinds = (0..<config.layerCount).map { l in
            (0..<config.kvHeadCount).map { h in (l + h) % 2 == 0 ? HeadKind.retrieval : .streaming }
        }
        return HeadLayout(kinds: kinds, sink: sink, recent: recent)
    }

    /// A cache of `count` tokens filled with seeded random values: roughly
    /// normal, with per-channel offsets and a few outlier channels like real keys.
    static func randomCache(config: ModelConfig, layout: HeadLayout, count: Int, seed: UInt64) throws -> HybridKVCache {
        var rng = SplitMix64(seed: seed)
        let d = config.headDim
        return try HybridKVCache.restore(config: config, layout: layout, count: count) { _, _, keys, values in
            let offsets = (0..<d).map { c in Float(rng.nextUnit() * 2 - 1) * (c % 7 == 0 ? 6 : 1) }
            for i in 0..<keys.count {
                let u = Float(rng.nextUnit() + rng.nextUnit() + rng.nextUnit() - 1.5)
                keys[i] = Float16(offsets[i % d] + u)
                values[i] = Float16(Float(rng.nextUnit() * 2 - 1) * 0.5)
            }
        }
    }

    static func identity(_ layout: HeadLayout, model: String = "model-a", tokenizer: String = "tok-a",
                         chunk: Int = 32) -> SnapshotIdentity {
        SnapshotIdentity(modelFingerprint: model, tokenizerFingerprint: tokenizer,
                         patternFingerprint: SnapshotIdentity.patternFingerprint(of: layout),
                         sparsity: layout.sparsity, sink: layout.sink, recent: layout.recent, chunk: chunk)
    }

    static func tokens(_ count: Int, seed: Int32 = 0) -> [Int32] { (0..<count).map { Int32((Int($0) * 31 + Int(seed)) % 100) } }

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "precis-snapshot-\(UUID().uuidString)-\(name)"
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let dir = temporaryPath("dir")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The held rows of one head as floats: keys then values.
    static func rows(_ cache: HybridKVCache, _ layer: Int, _ head: Int) -> (keys: [Float16], values: [Float16]) {
        cache.withRows(layer: layer, head: head) { (Array($0), Array($1)) }
    }

    /// Whether two caches hold bit-identical rows and positions.
    static func identical(_ a: HybridKVCache, _ b: HybridKVCache) -> Bool {
        guard a.count == b.count, a.layout == b.layout else { return false }
        for l in 0..<a.layerCount {
            for h in 0..<a.kvHeadCount {
                let x = rows(a, l, h), y = rows(b, l, h)
                guard x.keys.map(\.bitPattern) == y.keys.map(\.bitPattern),
                      x.values.map(\.bitPattern) == y.values.map(\.bitPattern),
                      a.positions(layer: l, head: h) == b.positions(layer: l, head: h) else { return false }
            }
        }
        return true
    }
}
