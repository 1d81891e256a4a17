/// The input of one decode mat-vec: the f32 vector with its 32-block sums,
/// and, under `Numerics.fast`, the same vector rounded to 8-bit blocks for
/// the integer kernels (ggml's scheme: quantized once, read by every row).
struct MatVecInput {
    let x: UnsafePointer<Float>
    let sums: UnsafePointer<Float>
    var q8: Q8_0Vector?
    var q8K: Q8_KVector?

    init(_ x: UnsafePointer<Float>, sums: UnsafePointer<Float>) {
        self.x = x
        self.sums = sums
    }

    /// `x` (`count` floats) for `matrices`, with the 8-bit forms made only
    /// when one of them has an integer kernel that reads it.
    static func quantized(_ x: UnsafePointer<Float>, count: Int, for matrices: [WeightMatrix],
                          buffers b: ForwardBuffers) -> MatVecInput {
        quantized(x, count: count, for: matrices, sums: b.blockSums, q8: b.q8, q8K: b.q8K)
    }

    /// As `quantized(_:count:for:buffers:)`, into the given storage.
    static func quantized(_ x: UnsafePointer<Float>, count: Int, for matrices: [WeightMatrix],
                          sums: UnsafeMutablePointer<Float>, q8: Q8_0Vector, q8K: Q8_KVector) -> MatVecInput {
        blockSums(x, count: count, into: sums)
        var input = MatVecInput(x, sums: sums)
        if count % 32 == 0, matrices.contains(where: { Q8Dot.kernel0(for: $0.type) != nil }) {
            quantizeQ8_0(x: x, n: count, into: q8)
            input.q8 = q8
        }
        if count % 256 == 0, matrices.contains(where: { Q8Dot.kernelK(for: $0.type) != nil }) {
            quantizeQ8_K(x: x, n: count, into: q8K)
            input.q8K = q8K
        }
        return input
    }
}
