import Foundation
import FuzzSupport
import GGUF
import GGUFWriting
import Inference
import Snapshot

/// Small `.pkv` snapshots in every codec, made as the snapshot tests make
/// theirs (Tests/SnapshotTests/SnapshotFixtures.swift): a model shape read
/// from a metadata-only GGUF, a cache of deterministic values over a layout
/// that mixes retrieval and streaming heads.
enum SnapshotSeeds {
    static func make() throws -> [(name: String, bytes: [UInt8])] {
        let config = try modelConfig(layers: 2, kvHeads: 2, headDim: 8)
        let kinds = (0..<2).map { l in (0..<2).map { h in (l + h) % 2 == 0 ? HeadKind.retrieval : .streaming } }
        let layout = HeadLayout(kinds: kinds, sink: 2, recent: 4)
        let identity = SnapshotIdentity(modelFingerprint: "model", tokenizerFingerprint: "tokenizer",
                                        patternFingerprint: SnapshotIdentity.patternFingerprint(of: layout),
                                        sparsity: layout.sparsity, sink: 2, recent: 4, chunk: 8)
        var seeds: [(name: String, bytes: [UInt8])] = []
        for (count, codec) in [(12, SnapshotCodec.f16), (12, .int8), (12, .int4), (3, .f16), (1, .int8)] {
            let cache = try HybridKVCache.restore(config: config, layout: layout, count: count) { layer, head, keys, values in
                for i in keys.indices {
                    keys[i] = Float16(Float((i * 7 + layer * 3 + head) % 13) * 0.25 - 1.5)
                    values[i] = Float16(Float((i * 5 + layer) % 11) * 0.125 - 0.5)
                }
            }
            let path = Fuzz.scratch + ".seed.pkv"
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = try Snapshot.write(cache: cache, tokens: (0..<count).map { Int32($0 * 3 % 100) }, identity: identity,
                                   codec: codec, groups: QuantizationGroups(keyTokens: 4, valueChannels: 4), to: path)
            seeds.append(("\(codec)-\(count)-tokens.pkv", [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
        }
        return seeds
    }

    /// A `ModelConfig` of the given shape, read from a metadata-only GGUF file.
    private static func modelConfig(layers: Int, kvHeads: Int, headDim: Int) throws -> ModelConfig {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        for (k, v) in [("context_length", 256), ("embedding_length", kvHeads * 2 * headDim), ("block_count", layers),
                       ("feed_forward_length", 32), ("attention.head_count", kvHeads * 2),
                       ("attention.head_count_kv", kvHeads), ("vocab_size", 100)] {
            w.set("llama.\(k)", .uint32(UInt32(v)))
        }
        let path = Fuzz.scratch + ".seed.gguf"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try w.write(to: path)
        return try ModelConfig(gguf: GGUFFile(path: path))
    }
}
