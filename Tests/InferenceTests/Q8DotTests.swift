import GGUF
import GGUFWriting
import Testing
@testable import Inference

/// The integer kernels of `Numerics.fast` must compute exactly the dot of
/// the dequantized row with the dequantized 8-bit activation (up to float
/// summation order), and a session decoding with them must stay close to
/// the f32 reference.
@Suite("Integer dot kernels")
struct Q8DotTests {
    static let legacy: [GGMLType] = [.q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .iq4_nl]
    static let kQuants: [GGMLType] = [.q2_K, .q3_K, .q4_K, .q5_K, .q6_K, .iq4_xs]

    /// An activation like a real one: mostly small, a few outlier channels.
    static func activation(_ n: Int, rng: inout SplitMix64) -> [Float] {
        (0..<n).map { i in Float(rng.nextUnit() * 2 - 1) * (i % 97 == 5 ? 8 : 1) }
    }

    /// `|got − Σ w·x̃| / Σ |w·x̃|`, the reference summed in double.
    static func relativeError(_ got: Float, _ w: [Float], _ x: [Float]) -> Double {
        var dot = 0.0, magnitude = 0.0
        for i in w.indices { dot += Double(w[i]) * Double(x[i]); magnitude += abs(Double(w[i]) * Double(x[i])) }
        return abs(Double(got) - dot) / max(magnitude, 1e-30)
    }

    @Test("legacy types against 32-blocks", arguments: legacy, [32, 480, 768, 4864])
    func legacyKernels(type: GGMLType, n: Int) {
        var rng = SplitMix64(seed: UInt64(type.rawValue) &* 977 &+ UInt64(n))
        let x = Self.activation(n, rng: &rng)
        let v = Q8_0Vector(capacity: (n + 255) / 256 * 256)
        defer { v.deallocate() }
        x.withUnsafeBufferPointer { quantizeQ8_0(x: $0.baseAddress!, n: n, into: v) }
        let xq = (0..<n).map { v.d[$0 / 32] * Float(v.qs[$0]) }
        for kind in [DotKernelTests.Kind.quantized, .rawBlocks, .negativeScale, .allZero] {
            let bytes = DotKernelTests.row(type, n: n, kind: kind, rng: &rng)
            let w = DotKernelTests.dequantized(type, bytes, n: n)
            let got = bytes.withUnsafeBytes { Q8Dot.kernel0(for: type)!($0.baseAddress!, v, n) }
            #expect(Self.relativeError(got, w, xq) < 1e-5, "\(type) n=\(n) \(kind)")
        }
    }

    @Test("K-quants against 256-blocks", arguments: kQuants, [256, 768, 4864])
    func kQuantKernels(type: GGMLType, n: Int) {
        var rng = SplitMix64(seed: UInt64(type.rawValue) &* 389 &+ UInt64(n))
        let x = Self.activation(n, rng: &rng)
        let v = Q8_KVector(capacity: n)
        defer { v.deallocate() }
        x.withUnsafeBufferPointer { quantizeQ8_K(x: $0.baseAddress!, n: n, into: v) }
        let xq = (0..<n).map { v.d[$0 / 256] * Float(v.qs[$0]) }
        for j in 0..<(n / 16) {
            #expect(Int(v.bsums[j]) == (0..<16).reduce(0) { $0 + Int(v.qs[16 * j + $1]) }, "bsums \(j)")
        }
        for kind in [DotKernelTests.Kind.quantized, .rawBlocks, .negativeScale, .allZero] {
            let bytes = DotKernelTests.row(type, n: n, kind: kind, rng: &rng)
            let w = DotKernelTests.dequantized(type, bytes, n: n)
            let got = bytes.withUnsafeBytes { Q8Dot.kernelK(for: type)!($0.baseAddress!, v, n) }
            #expect(Self.relativeError(got, w, xq) < 1e-5, "\(type) n=\(n) \(kind)")
        }
    }

    @Test("8-bit activations round to the nearest step of max|x|/127")
    func quantizer() {
        var rng = SplitMix64(seed: 5)
        let n = 512, x = Self.activation(n, rng: &rng)
        let v = Q8_0Vector(capacity: n)
        defer { v.deallocate() }
        x.withUnsafeBufferPointer { quantizeQ8_0(x: $0.baseAddress!, n: n, into: v) }
        for b in 0..<(n / 32) {
            let block = x[(32 * b)..<(32 * b + 32)]
            let d = block.map(abs).max()! / 127
            #expect(abs(v.d[b] - d) <= d * 1e-6)
            for i in block.indices { #expect(abs(Float(v.qs[i]) * d - x[i]) <= d / 2 * 1.0001) }
            let sum = (0..<32).reduce(Float(0)) { $0 + Float(v.qs[32 * b + $1]) } * v.d[b]
            #expect(abs(v.sums[b] - sum) <= abs(sum) * 1e-6 + 1e-6)
        }
    }

    @Test("fast numerics decode close to the f32 reference", arguments: [GGMLType.q4_1, .q8_0, .q3_K, .q4_K, .q6_K, .iq4_xs])
    func fastDecoding(type: GGMLType) throws {
        let tiny = try TinyModel.make(arch: .qwen2, type: type, seed: UInt64(type.rawValue) &+ 1000)
        defer { tiny.remove() }
        let model = try Model.load(path: tiny.path)
        let reference = ReferenceForward(tiny: tiny, config: model.config, frequencies: model.ropeFrequencies)
        var rng = SplitMix64(seed: 11)
        let tokens = (0..<40).map { _ in Int(rng.next() % UInt64(TinyModel.vocab)) }
        let expected = reference.logits(tokens)
        let session = Session(model: model, chunkSize: 16, numerics: .fast)
        try session.prefill(tokens[..<30].map(Int32.init))
        var worst: Float = 0
        for t in 30..<tokens.count {
            let logits = try session.step(Int32(tokens[t]))
            let scale = expected[t].map(abs).max()!
            let error = zip(logits, expected[t]).map { abs($0 - $1) }.max()! / scale
            worst = max(worst, error)
        }
        print("fast decode \(type): largest logit error \(worst) of the largest logit")
        #expect(worst < 0.015, "\(type): fast decoding drifted by \(worst) of the logit scale")
        // f32 decoding agrees to ~1e-6: a smaller error means the integer kernels did not run.
        #expect(worst > 1e-4, "\(type): decoding did not take the 8-bit path")
    }
}
