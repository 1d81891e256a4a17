import Foundation
import FuzzSupport
import GGUF
import GGUFWriting

/// GGUF images built from the dequantization fixtures
/// (Tests/GGUFTests/Fixtures/dequant): one file per quantization type
/// holding that fixture's blocks, and one with every type, in v3 and v2,
/// under metadata of every value type.
enum GGUFSeeds {
    private struct Fixture: Decodable {
        var type: String
        var ggml_type: UInt32
        var count: Int
        var blocks_base64: String
    }

    static func make() throws -> [(name: String, bytes: [UInt8])] {
        let folder = Fuzz.tests.appendingPathComponent("GGUFTests/Fixtures/dequant")
        var all = writer(), seeds: [(name: String, bytes: [UInt8])] = []
        for url in Fuzz.files(in: folder, extensions: ["json"]) {
            let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
            guard let type = GGMLType(rawValue: fixture.ggml_type),
                  let blocks = Data(base64Encoded: fixture.blocks_base64) else { continue }
            let rows = fixture.count % (2 * type.blockSize) == 0 ? 2 : 1
            var one = writer()
            try one.addTensor("blk.0.\(fixture.type)", type: type, shape: [fixture.count / rows, rows], data: [UInt8](blocks))
            seeds.append(("\(fixture.type).gguf", try one.bytes()))
            try all.addTensor("blk.1.\(fixture.type)", type: type, shape: [fixture.count], data: [UInt8](blocks))
        }
        seeds.append(("all-types-v3.gguf", try all.bytes()))
        all.version = 2
        seeds.append(("all-types-v2.gguf", try all.bytes()))
        return seeds
    }

    /// Metadata as a small llama model carries it, plus one key of each remaining type.
    private static func writer() -> GGUFWriter {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.set("general.name", .string("fuzz seed"))
        w.set("general.alignment", .uint32(32))
        for (key, value) in [("context_length", 128), ("embedding_length", 64), ("block_count", 2),
                             ("attention.head_count", 4), ("attention.head_count_kv", 2)] {
            w.set("llama.\(key)", .uint32(UInt32(value)))
        }
        w.set("llama.rope.freq_base", .float32(10000))
        w.set("llama.attention.layer_norm_rms_epsilon", .float64(1e-5))
        w.set("tokenizer.ggml.model", .string("gpt2"))
        w.set("tokenizer.ggml.tokens", .array(["<s>", "</s>", "a", "b", "ab"].map { .string($0) }))
        w.set("tokenizer.ggml.scores", .array([0, 0, -1, -2, -3].map { .float32($0) }))
        w.set("tokenizer.ggml.token_type", .array([3, 3, 1, 1, 1].map { .int32($0) }))
        w.set("tokenizer.ggml.add_bos_token", .bool(true))
        for (i, value) in [GGUFValue.uint8(1), .int8(-1), .uint16(2), .int16(-2), .uint64(3), .int64(-3)].enumerated() {
            w.set("fuzz.int\(i)", value)
        }
        w.set("fuzz.int64s", .array([.int64(-3), .int64(1 << 40)]))
        w.set("fuzz.nested", .array([.array([.uint8(1), .uint8(2)]), .array([.uint8(3)])]))
        return w
    }
}
