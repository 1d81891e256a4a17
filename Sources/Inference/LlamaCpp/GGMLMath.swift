import Foundation

/// Scalar and 8-lane kernels reproducing ggml's CPU (AVX2 + FMA build)
/// arithmetic bit for bit: same operation order, same fused multiply-adds,
/// same approximations. Used only under `Numerics.llamaCpp`.
///
/// Greedy decoding of a small model hits near-ties often enough that even
/// one-ulp differences (a different horizontal-sum order, a non-fused
/// multiply-add, a differently rounded exp) change the generated text, so
/// reproducing llama.cpp's tokens needs its exact arithmetic, not just its
/// rounding grids.
enum GGMLMath {
    @inline(__always) static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// `hsum_float_8`: (a0+a4 + a2+a6) + (a1+a5 + a3+a7).
    @inline(__always) static func hsum(_ v: SIMD8<Float>) -> Float {
        let r = v.highHalf + v.lowHalf
        return (r[0] + r[2]) + (r[1] + r[3])
    }

    /// `GGML_F32x8_REDUCE`'s final step (two `hadd`s): (a0+a4 + a1+a5) + (a2+a6 + a3+a7).
    @inline(__always) static func haddSum(_ v: SIMD8<Float>) -> Float {
        let r = v.lowHalf + v.highHalf
        return (r[0] + r[1]) + (r[2] + r[3])
    }

    /// `ggml_v_expf` (AVX2 + FMA): e^x to about 1.5 ulp, with ggml's exact rounding.
    @inline(__always) static func expf8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let r = SIMD8<Float>(repeating: 0x1.8p23)
        let z = r.addingProduct(x, SIMD8(repeating: 0x1.715476p+0))
        let n = z - r
        let b = x.addingProduct(-n, SIMD8(repeating: 0x1.62e4p-1)).addingProduct(-n, SIMD8(repeating: 0x1.7f7d1cp-20))
        let zb = unsafeBitCast(z, to: SIMD8<UInt32>.self)
        let e = zb &<< 23
        let k = unsafeBitCast(e &+ (1 as Float).bitPattern, to: SIMD8<Float>.self)
        let absN = pointwiseMax(n, -n)
        let c = absN .> 126
        let u = b * b
        let inner1 = SIMD8<Float>(repeating: 0x1.573e2ep-5).addingProduct(SIMD8(repeating: 0x1.0e4020p-7), b)
        let inner2 = SIMD8<Float>(repeating: 0x1.fffdb6p-2).addingProduct(SIMD8(repeating: 0x1.555e66p-3), b)
        let j = (SIMD8<Float>(repeating: 0x1.ffffecp-1) * b).addingProduct(inner2.addingProduct(inner1, u), u)
        let normal = k.addingProduct(j, k)
        if !any(c) { return normal }
        var result = normal
        for i in 0..<8 where c[i] {
            let g: UInt32 = n[i] <= 0 ? 0x8200_0000 : 0
            let s1 = Float(bitPattern: g &+ 0x7f00_0000)
            let s2 = Float(bitPattern: e[i] &- g)
            result[i] = absN[i] > 192 ? s1 * s1 : s2.addingProduct(s2, j[i]) * s1
        }
        return result
    }

    /// `ggml_v_silu`: x / (1 + e^-x).
    @inline(__always) static func silu8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        x / (1 + expf8(0 - x))
    }

    /// `ggml_vec_swiglu_f32`: gate = silu(gate) · up (n a multiple of 8).
    static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n { store8(silu8(load8(gate + i)) * load8(up + i), gate + i); i += 8 }
        while i < n { gate[i] = gate[i] / (1 + Foundation.exp(-gate[i])) * up[i]; i += 1 }
    }

    /// `ggml_compute_forward_rms_norm_f32` followed by the weight multiply:
    /// squares summed in double, `(x · scale) · w`.
    static func rmsNorm(_ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                        _ n: Int, epsilon: Float) {
        var sum: Double = 0
        for i in 0..<n { sum += Double(x[i] * x[i]) }
        let mean = Float(sum / Double(n))
        let scale = 1 / (mean + epsilon).squareRoot()
        for i in 0..<n { out[i] = (x[i] * scale) * weight[i] }
    }

    /// ggml's rope cache for one position: θ starts at the position and is
    /// multiplied by `thetaScale` pair after pair (not `pos · base^(-2i/d)`).
    static func ropeCache(position: Int, pairs: Int, thetaScale: Float, into cosSin: UnsafeMutablePointer<Float>) {
        var theta = Float(position)
        for i in 0..<pairs {
            cosSin[2 * i] = cosf(theta)
            cosSin[2 * i + 1] = sinf(theta)
            theta *= thetaScale
        }
    }

    /// Rotates `heads` vectors like ggml's `rotate_pairs` (fused multiply-adds):
    /// `(fma(x0, cos, −x1·sin), fma(x0, sin, x1·cos))`.
    static func rope(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, pairs: Int, neox: Bool,
                     cosSin: UnsafePointer<Float>) {
        for h in 0..<heads {
            let v = x + h * headDim
            for i in 0..<pairs {
                let c = cosSin[2 * i], s = cosSin[2 * i + 1]
                let (a, b) = neox ? (i, i + pairs) : (2 * i, 2 * i + 1)
                let x0 = v[a], x1 = v[b]
                v[a] = (-(x1 * s)).addingProduct(x0, c)
                v[b] = (x1 * c).addingProduct(x0, s)
            }
        }
    }
}
