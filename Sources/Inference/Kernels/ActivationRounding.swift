import GGUF

/// How activations meet quantized weights.
public enum Numerics: String, Sendable, CaseIterable, Codable {
    /// Full f32 activations: the most faithful to the model.
    case exact
    /// Activations rounded like llama.cpp's CPU backend, to reproduce its logits.
    case llamaCpp = "llama-cpp"
    /// Decoding multiplies weights by the activation rounded to 8-bit blocks,
    /// in integers (as llama.cpp's CPU backend does): about 2× the mat-vec
    /// speed for ~1% relative error per dot product; prefill stays f32.
    case fast
}

/// Rounds activations to the grid llama.cpp's CPU matmuls use for them.
///
/// ggml multiplies a quantized weight by activations quantized to its
/// "vec_dot" type (8-bit blocks with an f16 scale for Q4/Q5/Q8_0 weights,
/// 256-wide 8-bit blocks with an f32 scale for K-quants, f16 for f16
/// weights). Rounding the activations the same way before the f32 kernels
/// makes this engine's logits track llama.cpp's within float summation
/// noise, instead of drifting by the activation quantization error.
enum ActivationRounding {
    enum Grid { case none, q8Block32, q8Block32WithSum, q8Block256, half }

    static func grid(for type: GGMLType) -> Grid {
        switch type {
        // Float weights keep full-precision activations: llama.cpp rounds them
        // to f16/bf16, but that only loses precision here, with no speed gain.
        case .f32, .f16, .bf16: return .none
        case .q4_0, .q5_0, .q8_0, .iq4_nl: return .q8Block32
        case .q4_1, .q5_1, .q8_1: return .q8Block32WithSum
        default: return .q8Block256
        }
    }

    /// Rounds `count` values (a whole number of blocks) of `x` into `out`;
    /// when `sums` is given, also writes each 32-block's sum as the kernels
    /// must use it (for Q8_1, ggml's f16-rounded `s = d·Σq`).
    static func round(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int, grid: Grid,
                      sums: UnsafeMutablePointer<Float>? = nil) {
        if grid == .q8Block32WithSum, let sums {
            for b in stride(from: 0, to: count, by: 32) { sums[b / 32] = q8Scale16(x + b, out + b) }
            return
        }
        switch grid {
        case .none: out.update(from: x, count: count)
        case .half: for i in 0..<count { out[i] = Float(Float16(x[i])) }
        case .q8Block32, .q8Block32WithSum:
            for b in stride(from: 0, to: count, by: 32) { q8Scale16(x + b, out + b) }
        case .q8Block256:
            for b in stride(from: 0, to: count, by: 256) { q8K(x + b, out + b) }
        }
    }

    /// ggml's `quantize_row_q8_0`/`q8_1`: scale max|x|/127 stored as f16.
    /// Returns Q8_1's block sum `f16(d·Σq)`.
    @discardableResult
    @inline(__always) private static func q8Scale16(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) -> Float {
        var amax: Float = 0
        for i in 0..<32 { amax = max(amax, abs(x[i])) }
        let d = amax / 127
        let inverse: Float = amax != 0 ? 127 / amax : 0
        let d16 = Float(Float16(d))
        var sum: Float = 0
        for i in 0..<32 {
            let q = (x[i] * inverse).rounded(.toNearestOrEven)
            sum += q
            out[i] = q * d16
        }
        return Float(Float16(d * sum))
    }

    /// ggml's `quantize_row_q8_K`: scale from the signed extreme, kept as f32.
    @inline(__always) private static func q8K(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        var amax: Float = 0, extreme: Float = 0
        for i in 0..<256 where abs(x[i]) > amax { amax = abs(x[i]); extreme = x[i] }
        guard amax != 0 else { out.update(repeating: 0, count: 256); return }
        let iscale = -127 / extreme
        let d = 1 / iscale
        for i in 0..<256 { out[i] = min(127, (iscale * x[i]).rounded(.toNearestOrEven)) * d }
    }
}
