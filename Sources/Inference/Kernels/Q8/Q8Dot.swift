import GGUF

/// Integer dot products of GGUF weight rows with an int8-quantized
/// activation (the ggml/llama.cpp scheme): the activation is quantized once
/// per mat-vec (`quantizeQ8_0` / `quantizeQ8_K`), then each row is read in
/// its stored block format and multiplied with `vpmaddubsw`/`vpmaddwd`.
///
/// Every kernel takes `n` = the row's element count (a whole number of
/// blocks) and returns `Σ w[i]·x̃[i]`, where x̃ is the dequantized activation.
/// Each kernel works through its row several blocks deep (eight 32-element
/// blocks, or one 256-element super-block, per step) so loads and multiplies
/// overlap. Two-row forms were measured and were no faster (Q4_K, Q6_K 10–15%
/// slower): two rows' unpacking needs more than the 16 ymm registers.
/// Needs AVX2 (x86-64-v3).
enum Q8Dot {
    /// A one-row kernel against a 32-block activation.
    typealias Kernel0 = (_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float
    /// A one-row kernel against a 256-block activation.
    typealias KernelK = (_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float

    // MARK: Against Q8_0 activations

    static func q4_0(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(Q4_0Format.self, row, x, n) }
    static func q4_1(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(Q4_1Format.self, row, x, n) }
    static func q5_0(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(Q5_0Format.self, row, x, n) }
    static func q5_1(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(Q5_1Format.self, row, x, n) }
    static func q8_0(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(Q8_0Format.self, row, x, n) }
    static func iq4_nl(_ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float { legacyDot(IQ4_NLFormat.self, row, x, n) }

    // MARK: Against Q8_K activations

    static func q2_K(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(Q2_KFormat.self, row, x, n) }
    static func q3_K(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(Q3_KFormat.self, row, x, n) }
    static func q4_K(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(Q4_KFormat.self, row, x, n) }
    static func q5_K(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(Q5_KFormat.self, row, x, n) }
    static func q6_K(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(Q6_KFormat.self, row, x, n) }
    static func iq4_xs(_ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float { kDot(IQ4_XSFormat.self, row, x, n) }

    // MARK: Rows of a matrix

    /// `out[r] = row r · x` for `count` consecutive rows of `rowBytes` bytes starting at `rows`.
    @inline(__always)
    static func multiply(_ kernel: Kernel0, rows: UnsafeRawPointer, rowBytes: Int, count: Int,
                                x: Q8_0Vector, n: Int, into out: UnsafeMutablePointer<Float>) {
        for r in 0..<count { out[r] = kernel(rows + r * rowBytes, x, n) }
    }

    /// As `multiply(_:rows:rowBytes:count:x:n:into:)` for K-quant rows.
    @inline(__always)
    static func multiply(_ kernel: KernelK, rows: UnsafeRawPointer, rowBytes: Int, count: Int,
                                x: Q8_KVector, n: Int, into out: UnsafeMutablePointer<Float>) {
        for r in 0..<count { out[r] = kernel(rows + r * rowBytes, x, n) }
    }
}

extension Q8Dot {
    /// The integer kernel for `type` against 32-block activations, if it has one.
    static func kernel0(for type: GGMLType) -> Kernel0? {
        switch type {
        case .q4_0: q4_0
        case .q4_1: q4_1
        case .q5_0: q5_0
        case .q5_1: q5_1
        case .q8_0: q8_0
        case .iq4_nl: iq4_nl
        default: nil
        }
    }

    /// The integer kernel for `type` against 256-block activations, if it has one.
    static func kernelK(for type: GGMLType) -> KernelK? {
        switch type {
        case .q2_K: q2_K
        case .q3_K: q3_K
        case .q4_K: q4_K
        case .q5_K: q5_K
        case .q6_K: q6_K
        case .iq4_xs: iq4_xs
        default: nil
        }
    }
}
