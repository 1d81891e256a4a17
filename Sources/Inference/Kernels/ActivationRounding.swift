import GGUF

/// Rounds activations to the grid llama.cpp's CPU matmuls use for them.
///
/// ggml multiplies a quantized weight by activations quantized to its
/// "vec_dot" type (8-bit blocks with an f16 scale for Q4/Q5/Q8_0 weights,
/// 256-wide 8-bit blocks with an f32 scale for K-quants, f16 for f16
/// weights). Rounding the activations the same way before the f32 kernels
/// makes this engine's logits track llama.cpp's within float summation
/// noise, instead of drifting by the activation quantization error.
enum ActivationRounding {
    enum Grid { case none, q8Block32, q8Block256, half, bfloat }

    static func grid(for type: GGMLType) -> Grid {
        switch type {
        case .f32: return .none
        case .f16: return .half
        case .bf16: return .bfloat
        case .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q8_1: return .q8Block32
        default: return .q8Block256
        }
    }

    /// Rounds `count` values (a whole number of blocks) of `x` into `out`.
    static func round(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int, grid: Grid) {
        switch grid {
        case .none: out.update(from: x, count: count)
        case .half: for i in 0..<count { out[i] = Float(Float16(x[i])) }
        case .bfloat:
            for i in 0..<count {
                let bits = x[i].bitPattern
                let rounded = (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000
                out[i] = x[i].isNaN ? x[i] : Float(bitPattern: rounded)
            }
        case .q8Block32:
            for b in stride(from: 0, to: count, by: 32) { q8Scale16(x + b, out + b) }
        case .q8Block256:
            for b in stride(from: 0, to: count, by: 256) { q8K(x + b, out + b) }
        }
    }

    /// ggml's `quantize_row_q8_0`/`q8_1`: scale max|x|/127 stored as f16.
    @inline(__always) private static func q8Scale16(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        var amax: Float = 0
        for i in 0..<32 { amax = max(amax, abs(x[i])) }
        let d = amax / 127
        let inverse: Float = amax != 0 ? 127 / amax : 0
        let d16 = Float(Float16(d))
        for i in 0..<32 { out[i] = (x[i] * inverse).rounded(.toNearestOrEven) * d16 }
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
