import Foundation
import GGUFWriting
import Testing
@testable import Inference

/// The vectorized element-wise kernels against their scalar definitions,
/// over ordinary values and the extremes where a vector form could overflow.
@Suite("Vector math")
struct VectorMathTests {
    static func inputs(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        var x = (0..<n).map { _ in Float(rng.nextUnit() * 16 - 8) }
        for (i, v) in [Float(-200), -30, -10.5, -1e-3, 0, 1e-3, 10.5, 30, 200].enumerated() { x[i * 5] = v }
        return x
    }

    @Test(arguments: [1, 16, 47, 300])
    func geGLUIsTheTanhGELUTimesUp(n: Int) {
        let x = Self.inputs(n + 50, seed: UInt64(n)), up = Self.inputs(x.count, seed: 99)
        var gate = x
        gate.withUnsafeMutableBufferPointer { VectorMath.geGLU($0.baseAddress!, up, $0.count) }
        for i in x.indices {
            let v = Double(x[i])
            let want = 0.5 * v * (1 + tanh(0.7978845608 * v * (1 + 0.044715 * v * v))) * Double(up[i])
            #expect(abs(Double(gate[i]) - want) <= 1e-5 * max(1, abs(want)), "x = \(x[i])")
        }
    }

    @Test(arguments: [1, 16, 47, 300])
    func swiGLUIsSiLUTimesUp(n: Int) {
        let x = Self.inputs(n + 50, seed: UInt64(n) + 7), up = Self.inputs(x.count, seed: 98)
        var gate = x
        gate.withUnsafeMutableBufferPointer { VectorMath.swiGLU($0.baseAddress!, up, $0.count) }
        for i in x.indices {
            let v = Double(x[i]), want = v / (1 + exp(-v)) * Double(up[i])
            #expect(abs(Double(gate[i]) - want) <= 1e-5 * max(1, abs(want)), "x = \(x[i])")
        }
    }

    @Test func maximumFindsTheLargestLane() {
        var rng = SplitMix64(seed: 4)
        for n in [1, 15, 16, 17, 47, 300] {
            var x = (0..<n).map { _ in Float(rng.nextUnit() * 200 - 100) }
            x[Int(rng.next() % UInt64(n))] = 1000
            x[0] = -.infinity
            #expect(x.withUnsafeBufferPointer { VectorMath.max($0.baseAddress!, n) } == (n == 1 ? -.infinity : 1000))
        }
    }
}
