import Foundation
import _Builtin_intrinsics.intel

/// Element-wise kernels of the forward pass, on raw pointers.
enum VectorMath {
    /// `out = x / rms(x) * weight` for one row of `n` values.
    @inline(__always)
    static func rmsNorm(_ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                        _ n: Int, epsilon: Float) {
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= n { let v = load(x + i); acc.addProduct(v, v); i += 16 }
        var ss = acc.sum()
        while i < n { ss += x[i] * x[i]; i += 1 }
        let scale = 1 / (ss / Float(n) + epsilon).squareRoot()
        i = 0
        while i + 16 <= n { store(load(x + i) * scale * load(weight + i), out + i); i += 16 }
        while i < n { out[i] = x[i] * scale * weight[i]; i += 1 }
    }

    /// `x += y` over `n` values.
    @inline(__always)
    static func add(_ y: UnsafePointer<Float>, into x: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 16 <= n { store(load(x + i) + load(y + i), x + i); i += 16 }
        while i < n { x[i] += y[i]; i += 1 }
    }

    /// `gate = silu(gate) * up` over `n` values (SwiGLU).
    @inline(__always)
    static func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
        var i = 0
        while i + 16 <= n {
            let g = load(gate + i)
            store(g / (1 + exp16(-g)) * load(up + i), gate + i)
            i += 16
        }
        while i < n { gate[i] = gate[i] / (1 + Foundation.exp(-gate[i])) * up[i]; i += 1 }
    }

    /// `gate = gelu(gate) * up` over `n` values (GeGLU), with GELU's tanh
    /// approximation, as Gemma and ggml use: ½x(1 + tanh z) written as
    /// x / (1 + e^(−2z)), z = √(2/π)·x·(1 + 0.044715x²), so it vectorizes
    /// on `exp16`.
    static func geGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafePointer<Float>, _ n: Int) {
        let c: Float = 0.7978845608  // √(2/π)
        var i = 0
        while i + 16 <= n {
            let x = load(gate + i)
            let z = c * x * (1 + 0.044715 * x * x)
            store(x / (1 + exp16(-2 * z)) * load(up + i), gate + i)
            i += 16
        }
        while i < n {
            let x = gate[i], z = c * x * (1 + 0.044715 * x * x)
            gate[i] = x / (1 + Foundation.exp(-2 * z)) * up[i]
            i += 1
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// Lane-wise maximum in two `vmaxps` (the generic `pointwiseMax` goes
    /// lane by lane through memory).
    @inline(__always)
    static func maximum(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(lowHalf: _mm256_max_ps(a.lowHalf, b.lowHalf), highHalf: _mm256_max_ps(a.highHalf, b.highHalf))
    }

    /// Lane-wise minimum in two `vminps`.
    @inline(__always)
    static func minimum(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(lowHalf: _mm256_min_ps(a.lowHalf, b.lowHalf), highHalf: _mm256_min_ps(a.highHalf, b.highHalf))
    }

    /// e^x for 16 lanes, accurate to about 2 ulp over the float range
    /// (Cody–Waite reduction, degree-6 polynomial); underflows to 0.
    /// Written with plain arithmetic and element loops so it stays inline
    /// vector code (the generic SIMD rounding/conversion calls do not).
    @inline(__always)
    static func exp16(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let clamped = minimum(maximum(x, SIMD16(repeating: -87.3)), SIMD16(repeating: 88.7))
        let magic: Float = 12_582_912  // 1.5 × 2^23: adding it rounds to an integer
        let n = (clamped * 1.442_695_04 + magic) - magic
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p = SIMD16<Float>(repeating: 1.987_569_1e-4)
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 0.166_666_66
        p = p * r + 0.5
        p = p * r * r + r + 1
        var bits = SIMD16<Int32>()
        for i in 0..<16 { bits[i] = (Int32(n[i]) &+ 127) &<< 23 }
        var result = p * unsafeBitCast(bits, to: SIMD16<Float>.self)
        result.replace(with: 0, where: x .< -87.3)
        return result
    }

    /// In-place `x = e^(x - shift)` over `n` values; returns their sum.
    @inline(__always)
    static func expShifted(_ x: UnsafeMutablePointer<Float>, _ n: Int, shift: Float) -> Float {
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= n {
            let e = exp16(load(x + i) - shift)
            store(e, x + i)
            acc += e
            i += 16
        }
        var s = acc.sum()
        while i < n { x[i] = Foundation.exp(x[i] - shift); s += x[i]; i += 1 }
        return s
    }

    /// Largest of `n` values (−∞ for none).
    @inline(__always)
    static func max(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = SIMD16<Float>(repeating: -.infinity)
        var i = 0
        while i + 16 <= n { m = maximum(m, load(x + i)); i += 16 }
        var s = m.max()
        while i < n { s = Swift.max(s, x[i]); i += 1 }
        return s
    }

    /// `x *= s` over `n` values.
    @inline(__always)
    static func scale(_ x: UnsafeMutablePointer<Float>, _ n: Int, by s: Float) {
        var i = 0
        while i + 16 <= n { store(load(x + i) * s, x + i); i += 16 }
        while i < n { x[i] *= s; i += 1 }
    }

    /// Converts `n` halves to floats.
    @inline(__always)
    static func widen(_ h: UnsafePointer<Float16>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 16 <= n {
            store(DotKernels.floats(UnsafeRawPointer(h + i).loadUnaligned(as: SIMD16<Float16>.self)), out + i)
            i += 16
        }
        while i < n { out[i] = Float(h[i]); i += 1 }
    }

    /// Converts `n` floats to halves (round to nearest even).
    @inline(__always)
    static func narrow(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float16>, _ n: Int) {
        var i = 0
        while i + 16 <= n {
            let v = load(x + i)
            var h = SIMD16<Float16>()
            for j in 0..<16 { h[j] = Float16(v[j]) }
            UnsafeMutableRawPointer(out + i).storeBytes(of: h, as: SIMD16<Float16>.self)
            i += 16
        }
        while i < n { out[i] = Float16(x[i]); i += 1 }
    }
}
