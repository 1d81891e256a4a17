import GGUF
import Testing
@testable import Inference

/// Every direct dot kernel must equal "dequantize the row, then dot" up to
/// float summation order, on quantized rows, on raw random blocks (every
/// bit pattern of the quants) and on edge rows.
@Suite("Dot kernels")
struct DotKernelTests {
    static let types: [GGMLType] = [.f32, .f16, .q4_0, .q4_1, .q5_0, .q8_0, .q4_K, .q6_K]

    /// Byte offsets of the f16 scale fields of one block.
    static func scaleOffsets(_ type: GGMLType) -> [Int] {
        switch type {
        case .q4_0, .q5_0, .q8_0: return [0]
        case .q4_1, .q4_K: return [0, 2]
        case .q6_K: return [208]
        default: return []
        }
    }

    enum Kind: CaseIterable { case quantized, rawBlocks, zeroScale, negativeScale, allOnes, allZero }

    /// A row of `n` elements of `type` in the given style.
    static func row(_ type: GGMLType, n: Int, kind: Kind, rng: inout SplitMix64) -> [UInt8] {
        let values = (0..<n).map { _ in Float(rng.nextUnit() * 2 - 1) }
        if kind == .quantized || type == .f32 || type == .f16 {
            return Quantize.bytes(type, from: kind == .allZero ? [Float](repeating: 0, count: n) : values)
        }
        let blocks = n / type.blockSize, size = type.bytesPerBlock
        var bytes = [UInt8](repeating: 0, count: blocks * size)
        for i in bytes.indices {
            switch kind {
            case .allOnes: bytes[i] = 0xFF
            case .allZero: bytes[i] = 0
            default: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
        }
        for b in 0..<blocks {
            for offset in scaleOffsets(type) {
                let scale: Float = switch kind {
                case .zeroScale: b % 2 == 0 ? 0 : 0.01
                case .negativeScale: -Float(rng.nextUnit() * 0.02 + 0.001)
                default: Float(rng.nextUnit() * 0.02 + 0.001)
                }
                let bits = Float16(scale).bitPattern
                bytes[b * size + offset] = UInt8(bits & 0xFF)
                bytes[b * size + offset + 1] = UInt8(bits >> 8)
            }
        }
        return bytes
    }

    static func dequantized(_ type: GGMLType, _ bytes: [UInt8], n: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: n) { out, c in
            bytes.withUnsafeBytes { Dequantize.row(type, from: $0.baseAddress!, to: out.baseAddress!, count: n) }
            c = n
        }
    }

    static func sums(_ x: [Float]) -> [Float] {
        stride(from: 0, to: x.count, by: 32).map { b in x[b..<(b + 32)].reduce(0, +) }
    }

    /// `|got − Σ w x|` must be within float rounding of the terms' magnitude.
    static func expectDot(_ got: Float, _ w: [Float], _ x: [Float], _ what: String) {
        var exact = 0.0, magnitude = 0.0
        for i in w.indices { exact += Double(w[i]) * Double(x[i]); magnitude += abs(Double(w[i]) * Double(x[i])) }
        let err = abs(Double(got) - exact)
        #expect(err <= 2e-6 * magnitude + 1e-6, "\(what): \(got) vs \(exact) (magnitude \(magnitude))")
    }

    @Test(arguments: types)
    func kernelEqualsDequantizedDot(type: GGMLType) throws {
        let kernel = try #require(DotKernels.kernel(for: type))
        var rng = SplitMix64(seed: UInt64(type.rawValue) &+ 11)
        for n in [256, 768, 4864] {
            let x = (0..<n).map { _ in Float(rng.nextUnit() * 4 - 2) }
            let xSums = Self.sums(x)
            for kind in Kind.allCases {
                for _ in 0..<3 {
                    let bytes = Self.row(type, n: n, kind: kind, rng: &rng)
                    let w = Self.dequantized(type, bytes, n: n)
                    let got = bytes.withUnsafeBytes { b in
                        x.withUnsafeBufferPointer { xp in
                            xSums.withUnsafeBufferPointer { kernel(b.baseAddress!, xp.baseAddress!, $0.baseAddress!, n) }
                        }
                    }
                    Self.expectDot(got, w, x, "\(type) n=\(n) \(kind)")
                }
            }
        }
    }
}
