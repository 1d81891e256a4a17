import Testing
import GGUF

/// `Quantize` writes ggml's layouts: legacy types bit-exact with the
/// reference quantizers, every type readable by `Dequantize` within the
/// error its bit width allows.
@Suite struct QuantizeTests {
    /// Largest |x − dequantize(quantize(x))| allowed, as a fraction of the
    /// largest |x| in the row. Derived from each format's step size: e.g.
    /// Q4_0 maps the extreme value to −8 so the opposite extreme may clip by
    /// one step of amax/8; Q2_K has 4 levels over a 16-value sub-block plus
    /// an f16/4-bit rounded min.
    static let bounds: [GGMLType: Float] = [
        .f32: 0, .f16: 0.0005, .bf16: 0.004,
        .q8_0: 0.005, .q4_0: 0.13, .q4_1: 0.075, .q5_0: 0.066, .q5_1: 0.04,
        .q8_K: 0.005, .q6_K: 0.035, .q5_K: 0.045, .q4_K: 0.09, .q3_K: 0.27, .q2_K: 0.42,
        // IQ4: the widest gap between levels (89 → 113) and the clip at 113 of a run scaled to −127.
        .iq4_nl: 0.13, .iq4_xs: 0.15,
    ]

    @Test(arguments: supportedTypes)
    func roundTripErrorIsBounded(type: GGMLType) {
        var rng = SeededRNG(seed: 42 &+ UInt64(type.rawValue))
        for scale: Float in [1, 0.01, 300] {
            let x = rng.gaussians(1024, scale: scale)
            let back = dequantize(type, quantize(type, x), count: x.count)
            let amax = x.map(abs).max()!
            let err = zip(x, back).map { abs($0 - $1) }.max()!
            #expect(err <= Self.bounds[type]! * amax, "\(type) scale \(scale): max error \(err / amax) of amax")
            let rms = (zip(x, back).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Float(x.count)).squareRoot()
            #expect(rms <= Self.bounds[type]! * amax / 2, "\(type) scale \(scale): rms error \(rms / amax) of amax")
        }
    }

    @Test(arguments: supportedTypes)
    func zerosStayZero(type: GGMLType) {
        let x = [Float](repeating: 0, count: 512)
        #expect(dequantize(type, quantize(type, x), count: x.count) == x)
    }

    @Test(arguments: supportedTypes)
    func constantRowsAreNearlyExact(type: GGMLType) {
        for c: Float in [0.75, -2] {
            let x = [Float](repeating: c, count: 256)
            let back = dequantize(type, quantize(type, x), count: x.count)
            #expect(back.allSatisfy { abs($0 - c) <= abs(c) * 0.01 }, "\(type) constant \(c): \(back[0])")
        }
    }

    /// The `gguf` package's quantizers are bit-exact with ggml's reference;
    /// ours must produce the same bytes for the legacy and float types.
    @Test(arguments: supportedTypes)
    func matchesReferenceQuantizer(type: GGMLType) throws {
        let fixture = try DequantFixture.load(type)
        let source = fixture.source
        guard !source.isEmpty else { return }
        let reference = Array(fixture.blocks.prefix(type.byteCount(elements: source.count)!))
        #expect(quantize(type, source) == reference)
    }

    @Test func q8KBlockSumsMatchQuants() {
        var rng = SeededRNG(seed: 7)
        let bytes = quantize(.q8_K, rng.gaussians(256))
        bytes.withUnsafeBytes { b in
            for s in 0..<16 {
                let sum = (0..<16).reduce(0) { $0 + Int(b.load(fromByteOffset: 4 + 16 * s + $1, as: Int8.self)) }
                #expect(Int(b.loadUnaligned(fromByteOffset: 260 + 2 * s, as: Int16.self)) == sum)
            }
        }
    }
}
