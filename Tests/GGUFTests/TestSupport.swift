import Foundation
import Testing
import GGUF
import GGUFWriting

/// Deterministic 64-bit generator (SplitMix64) so tests reproduce exactly.
struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Roughly normal floats (sum of uniforms) with standard deviation `scale`.
    mutating func gaussians(_ n: Int, scale: Float = 1) -> [Float] {
        (0..<n).map { _ in
            var s: Float = 0
            for _ in 0..<4 { s += Float.random(in: -1...1, using: &self) }
            return s * 0.866 * scale
        }
    }
}

/// The 14 types `Dequantize` and `Quantize` support.
let supportedTypes: [GGMLType] = [.f32, .f16, .bf16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0,
                                  .q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .q8_K, .iq4_nl, .iq4_xs]

/// One dequantization fixture written by scripts/gguf-make-dequant-fixtures.py.
struct DequantFixture: Decodable {
    let type: String
    let ggml_type: UInt32
    let count: Int
    let blocks_base64: String
    let expected_f32le_base64: String
    let source_f32le_base64: String

    var blocks: [UInt8] { Array(Data(base64Encoded: blocks_base64)!) }
    var expected: [Float] { Self.floats(expected_f32le_base64) }
    /// Floats the package quantized into the leading blocks (empty when it cannot quantize the type).
    var source: [Float] { Self.floats(source_f32le_base64) }

    static func floats(_ base64: String) -> [Float] {
        let raw = Data(base64Encoded: base64)!
        return raw.withUnsafeBytes { bytes in
            (0..<raw.count / 4).map { i -> Float in
                Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            }
        }
    }

    static func load(_ type: GGMLType) throws -> DequantFixture {
        let name = String(describing: type).lowercased()
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/dequant") else {
            throw FixtureMissing(name: name)
        }
        return try JSONDecoder().decode(DequantFixture.self, from: Data(contentsOf: url))
    }
}

struct FixtureMissing: Error { let name: String }

/// Dequantizes `bytes` holding `count` elements of `type`.
func dequantize(_ type: GGMLType, _ bytes: [UInt8], count: Int) -> [Float] {
    var out = [Float](repeating: .nan, count: count)
    bytes.withUnsafeBytes { src in
        out.withUnsafeMutableBufferPointer { Dequantize.row(type, from: src.baseAddress!, to: $0.baseAddress!, count: count) }
    }
    return out
}

/// Quantizes `values` into `type`'s block bytes.
func quantize(_ type: GGMLType, _ values: [Float]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: type.byteCount(elements: values.count)!)
    values.withUnsafeBufferPointer { src in
        out.withUnsafeMutableBytes { Quantize.row(type, from: src.baseAddress!, to: $0.baseAddress!, count: values.count) }
    }
    return out
}

/// Distance in units in the last place between two floats (0 when equal).
func ulpDistance(_ a: Float, _ b: Float) -> UInt32 {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    func key(_ f: Float) -> Int64 {
        let bits = Int64(f.bitPattern & 0x7FFF_FFFF)
        return f.sign == .minus ? -bits : bits
    }
    return UInt32(clamping: abs(key(a) - key(b)))
}

/// Parses an in-memory GGUF image and hands the file to `body` while the
/// bytes are alive.
func withParsed<R>(_ bytes: [UInt8], _ body: (GGUFFile) throws -> R) throws -> R {
    try bytes.withUnsafeBytes { try body(GGUFFile(bytes: $0, name: "test.gguf")) }
}

/// The error parsing `bytes` raises, or nil when it parses.
func parseError(_ bytes: [UInt8]) -> GGUFError? {
    do {
        _ = try withParsed(bytes) { $0.tensorInfos.count }
        return nil
    } catch let e as GGUFError {
        return e
    } catch {
        Issue.record("unexpected error type \(error)")
        return nil
    }
}

/// A small valid model: a few metadata values (one array, one nested array)
/// and three tensors (f32, q8_0, q4_K).
func smallModel(version: UInt32 = 3, alignment: UInt32? = nil) throws -> GGUFWriter {
    var w = GGUFWriter(version: version)
    w.set("general.architecture", .string("llama"))
    if let alignment { w.set("general.alignment", .uint32(alignment)) }
    w.set("llama.block_count", .uint32(2))
    w.set("tokenizer.ggml.tokens", .array([.string("a"), .string("bc"), .string("<s>")]))
    w.set("test.nested", .array([.array([.int32(1), .int32(-2)]), .array([.int32(3)])]))
    var rng = SeededRNG(seed: 99)
    try w.addTensor("norm.weight", type: .f32, shape: [8], values: rng.gaussians(8))
    try w.addTensor("attn.weight", type: .q8_0, shape: [32, 2], values: rng.gaussians(64))
    try w.addTensor("ffn.weight", type: .q4_K, shape: [256, 1], values: rng.gaussians(256))
    return w
}

/// Byte offset of the tensor info for `name` (its string length prefix).
func tensorInfoOffset(_ bytes: [UInt8], _ name: String) -> Int {
    let needle = Array(name.utf8)
    for i in 8..<(bytes.count - needle.count) where Array(bytes[i..<i + needle.count]) == needle {
        let len = bytes[i - 8..<i].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        if len == needle.count && bytes[i + needle.count] <= 4 { return i - 8 }
    }
    preconditionFailure("tensor \(name) not found")
}

extension Array where Element == UInt8 {
    /// Overwrites the little-endian bytes of `value` at `offset`.
    mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { self[offset + i] = b } }
    }
}
