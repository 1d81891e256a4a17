import GGUF
import GGUFWriting
import Testing
@testable import Inference

/// Rounding activations must land exactly on ggml's Q8_0 / Q8_K grids, i.e.
/// equal quantizing then dequantizing with the reference block formats.
@Suite("Activation rounding")
struct ActivationRoundingTests {
    func roundTrip(_ type: GGMLType, _ x: [Float]) -> [Float] {
        let bytes = Quantize.bytes(type, from: x)
        return [Float](unsafeUninitializedCapacity: x.count) { out, n in
            bytes.withUnsafeBytes { Dequantize.row(type, from: $0.baseAddress!, to: out.baseAddress!, count: x.count) }
            n = x.count
        }
    }

    func rounded(_ x: [Float], _ grid: ActivationRounding.Grid) -> [Float] {
        var out = [Float](repeating: .nan, count: x.count)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { ActivationRounding.round(src.baseAddress!, into: $0.baseAddress!, count: x.count, grid: grid) }
        }
        return out
    }

    @Test(arguments: [(GGMLType.q8_0, ActivationRounding.Grid.q8Block32), (.q8_K, .q8Block256)])
    func matchesReferenceQuantizer(type: GGMLType, grid: ActivationRounding.Grid) {
        var rng = SplitMix64(seed: 9)
        let x = (0..<1024).map { _ in Float(rng.nextUnit() * 6 - 3) * (rng.next() % 7 == 0 ? 10 : 1) }
        let ours = rounded(x, grid), reference = roundTrip(type, x)
        let mismatches = zip(ours, reference).filter { $0 != $1 }.count
        #expect(mismatches == 0, "\(mismatches) of \(x.count) values off the \(type) grid")
        #expect(ours != x, "rounding changed nothing")
    }

    @Test func q8With32SumsIsStillOnTheGrid() {
        let x = (0..<64).map { Float($0) * 0.37 - 11 }
        var out = [Float](repeating: 0, count: 64), sums = [Float](repeating: 0, count: 2)
        x.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { o in
                sums.withUnsafeMutableBufferPointer { s in
                    ActivationRounding.round(src.baseAddress!, into: o.baseAddress!, count: 64, grid: .q8Block32WithSum,
                                             sums: s.baseAddress!)
                }
            }
        }
        #expect(out == rounded(x, .q8Block32))
        for b in 0..<2 {
            let exact = out[(b * 32)..<((b + 1) * 32)].reduce(0, +)
            #expect(abs(sums[b] - exact) <= abs(exact) * 1e-3 + 1e-3)
        }
    }
}
