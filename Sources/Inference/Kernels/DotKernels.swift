import GGUF
import _Builtin_intrinsics.intel

/// Dot products of one quantized weight row with an f32 vector, reading the
/// quantized blocks directly (no dequantized copy). Used by decoding.
///
/// `x` must hold the row's `n` elements; `xSums` (where a kernel needs it)
/// holds the sum of `x` over each 32-element block.
enum DotKernels {
    typealias Kernel = (_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float

    /// The direct kernel for `type`, or nil when the type must be dequantized first.
    static func kernel(for type: GGMLType) -> Kernel? {
        switch type {
        case .f32: return dotF32
        case .f16: return dotF16
        case .q8_0: return dotQ8_0
        case .q4_0: return dotQ4_0
        case .q4_1: return dotQ4_1
        case .q5_0: return dotQ5_0
        case .q5_1: return dotQ5_1
        case .q5_K: return dotQ5_K
        case .iq4_nl: return dotIQ4_NL
        case .iq4_xs: return dotIQ4_XS
        case .q4_K: return dotQ4_K
        case .q6_K: return dotQ6_K
        default: return nil
        }
    }

    @inline(__always) static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }

    // Element loops rather than the generic SIMD conversion initializers:
    // these compile to vpmovzxbd/vpmovsxbd + vcvtdq2ps, the generic ones to calls.
    @inline(__always) static func floats(_ v: SIMD16<UInt8>) -> SIMD16<Float> {
        var r = SIMD16<Float>()
        for i in 0..<16 { r[i] = Float(v[i]) }
        return r
    }

    @inline(__always) static func floats(_ v: SIMD16<Int8>) -> SIMD16<Float> {
        var r = SIMD16<Float>()
        for i in 0..<16 { r[i] = Float(v[i]) }
        return r
    }

    /// Sixteen halves as floats: two `vcvtph2ps` (a lane-by-lane conversion
    /// compiles to sixteen scalar ones).
    @inline(__always) static func floats(_ v: SIMD16<Float16>) -> SIMD16<Float> {
        let bits = unsafeBitCast(v, to: SIMD4<Int64>.self)
        return SIMD16(lowHalf: _mm256_cvtph_ps(bits.lowHalf), highHalf: _mm256_cvtph_ps(bits.highHalf))
    }

    @inline(__always) static func load16(_ x: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(x).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always) static func load8(_ x: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(x).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Eight bytes at `p` widened to 32-bit lanes (one `vpmovzxbd` from memory).
    @inline(__always) static func widen8(_ p: UnsafeRawPointer) -> SIMD8<Int32> {
        SIMD8<Int32>(truncatingIfNeeded: p.loadUnaligned(as: SIMD8<UInt8>.self))
    }

    @inline(__always) static func floats(_ v: SIMD8<Int32>) -> SIMD8<Float> {
        var r = SIMD8<Float>()
        for i in 0..<8 { r[i] = Float(v[i]) }
        return r
    }

    /// Pairwise horizontal sum. `SIMD.sum()` adds the lanes one after the
    /// other (a 15-add dependency chain per row); this takes 4 steps.
    @inline(__always) static func sum(_ v: SIMD16<Float>) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    @inline(__always) static func sum(_ v: SIMD8<Float>) -> Float {
        let b = v.lowHalf + v.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    static func dotF32(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        let w = row.assumingMemoryBound(to: Float.self)
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= n {
            acc.addProduct(UnsafeRawPointer(w + i).loadUnaligned(as: SIMD16<Float>.self), load16(x + i))
            i += 16
        }
        var s = sum(acc)
        while i < n { s += w[i] * x[i]; i += 1 }
        return s
    }

    static func dotF16(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= n {
            let h = row.loadUnaligned(fromByteOffset: i * 2, as: SIMD16<Float16>.self)
            acc.addProduct(floats(h), load16(x + i))
            i += 16
        }
        var s = sum(acc)
        let h = row.assumingMemoryBound(to: Float16.self)
        while i < n { s += Float(h[i]) * x[i]; i += 1 }
        return s
    }

    static func dotQ8_0(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = SIMD16<Float>()
        for b in 0..<(n / 32) {
            let p = row + b * 34
            let q0 = p.loadUnaligned(fromByteOffset: 2, as: SIMD16<Int8>.self)
            let q1 = p.loadUnaligned(fromByteOffset: 18, as: SIMD16<Int8>.self)
            var acc = floats(q0) * load16(x + b * 32)
            acc.addProduct(floats(q1), load16(x + b * 32 + 16))
            total.addProduct(acc, SIMD16(repeating: half(p, 0)))
        }
        return sum(total)
    }

    static func dotQ4_0(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var offset: Float = 0
        for b in 0..<(n / 32) {
            let p = row + b * 18
            let (lo, hi) = nibbleDot(p + 2, x + b * 32, x + b * 32 + 16)
            let d = half(p, 0)
            t0.addProduct(lo, SIMD8(repeating: d))
            t1.addProduct(hi, SIMD8(repeating: d))
            offset = offset.addingProduct(d, xSums[b])
        }
        return sum(t0 + t1) - 8 * offset
    }

    static func dotQ4_1(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var offset: Float = 0
        for b in 0..<(n / 32) {
            let p = row + b * 20
            let (lo, hi) = nibbleDot(p + 4, x + b * 32, x + b * 32 + 16)
            let d = half(p, 0)
            t0.addProduct(lo, SIMD8(repeating: d))
            t1.addProduct(hi, SIMD8(repeating: d))
            offset = offset.addingProduct(half(p, 2), xSums[b])
        }
        return sum(t0 + t1) + offset
    }

    /// Lane partial sums of 16 bytes of nibbles against floats: low nibbles
    /// times `lo[0..<16]` and high nibbles times `hi[0..<16]`. Bytes are
    /// widened straight from memory into 32-bit lanes (no byte shuffles).
    @inline(__always) static func nibbleDot(_ qs: UnsafeRawPointer, _ lo: UnsafePointer<Float>,
                                            _ hi: UnsafePointer<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
        let a = widen8(qs), c = widen8(qs + 8)
        var l = floats(a & 0xF) * load8(lo)
        l.addProduct(floats(c & 0xF), load8(lo + 8))
        var h = floats(a &>> 4) * load8(hi)
        h.addProduct(floats(c &>> 4), load8(hi + 8))
        return (l, h)
    }

    /// Bit 4 of eight consecutive Q5_0 elements from one byte of `qh`: row `v`
    /// holds 16 in lane i when bit i of v is set (8 KiB, stays in L1).
    nonisolated(unsafe) static let q5HighBits: UnsafePointer<Int32> = {
        let t = UnsafeMutablePointer<Int32>.allocate(capacity: 256 * 8)
        for v in 0..<256 { for i in 0..<8 { t[v * 8 + i] = (v >> i) & 1 == 1 ? 16 : 0 } }
        return UnsafePointer(t)
    }()

    /// Q5_0: 4-bit quants plus a fifth bit from `qh`, value (q − 16)·d.
    /// Works in 32-bit lanes: nibbles widened straight from memory, the fifth
    /// bits looked up per `qh` byte (`q5HighBits`), so no byte shuffles are
    /// needed; the −16 offset is applied once per block through `xSums`.
    static func dotQ5_0(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        dotQ5(row, x, xSums, n, withMin: false)
    }

    /// Q5_0 (value (q − 16)·d, 22-byte blocks) or Q5_1 (value q·d + m, 24-byte blocks).
    @inline(__always) static func dotQ5(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>,
                                        _ n: Int, withMin: Bool) -> Float {
        let size = withMin ? 24 : 22, header = withMin ? 4 : 2
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var offset: Float = 0
        for b in 0..<(n / 32) {
            let p = row + b * size
            let (acc0, acc1) = q5Quants(qh: p + header, qs: p + header + 4, x + b * 32)
            let d = half(p, 0)
            t0.addProduct(acc0, SIMD8(repeating: d))
            t1.addProduct(acc1, SIMD8(repeating: d))
            offset = offset.addingProduct(withMin ? half(p, 2) : -16 * d, xSums[b])
        }
        return sum(t0 + t1) + offset
    }

    /// Σ q·x over the 32 five-bit quants (0…31) of one Q5_0/Q5_1 block, as
    /// two lane partial sums: nibbles from `qs`, fifth bits from the 32-bit `qh`.
    @inline(__always) static func q5Quants(qh: UnsafeRawPointer, qs: UnsafeRawPointer, _ xb: UnsafePointer<Float>)
        -> (SIMD8<Float>, SIMD8<Float>) {
        let table = UnsafeRawPointer(q5HighBits)
        let bits = Int(UInt32(littleEndian: qh.loadUnaligned(as: UInt32.self)))
        let a = widen8(qs), c = widen8(qs + 8)
        let h0 = table.load(fromByteOffset: (bits & 0xFF) &* 32, as: SIMD8<Int32>.self)
        let h1 = table.load(fromByteOffset: ((bits >> 8) & 0xFF) &* 32, as: SIMD8<Int32>.self)
        let h2 = table.load(fromByteOffset: ((bits >> 16) & 0xFF) &* 32, as: SIMD8<Int32>.self)
        let h3 = table.load(fromByteOffset: ((bits >> 24) & 0xFF) &* 32, as: SIMD8<Int32>.self)
        var acc0 = floats((a & 0xF) | h0) * load8(xb)
        var acc1 = floats((c & 0xF) | h1) * load8(xb + 8)
        acc0.addProduct(floats((a &>> 4) | h2), load8(xb + 16))
        acc1.addProduct(floats((c &>> 4) | h3), load8(xb + 24))
        return (acc0, acc1)
    }

    /// Q4_K: 256-element super-blocks of 8 sub-blocks with 6-bit scales and mins.
    static func dotQ4_K(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        dotK(row, x, xSums, n, fifthBit: false)
    }

    /// Q4_K (144-byte super-blocks) or Q5_K (176 bytes: `qh[32]` adds a fifth
    /// bit, bit 2j for the low nibbles of 64-element group j, bit 2j+1 for the high).
    @inline(__always) static func dotK(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>,
                                       _ n: Int, fifthBit: Bool) -> Float {
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var minTotal: Float = 0
        for b in 0..<(n / 256) {
            let p = row + b * (fifthBit ? 176 : 144)
            let d = half(p, 0), dmin = half(p, 2)
            let scales = (p + 4).assumingMemoryBound(to: UInt8.self)
            let xb = x + b * 256
            var sumMin: Float = 0
            for j in 0..<4 {
                let (sc0, m0) = scaleMinK4(2 * j, scales)
                let (sc1, m1) = scaleMinK4(2 * j + 1, scales)
                let xl = xb + j * 64
                let (lo, hi) = fifthBit ? q5KGroup(p + 48 + j * 32, p + 16, j, xl) : q4KGroup(p + 16 + j * 32, xl)
                t0.addProduct(lo, SIMD8(repeating: d * Float(sc0)))
                t1.addProduct(hi, SIMD8(repeating: d * Float(sc1)))
                sumMin += Float(m0) * xSums[b * 8 + 2 * j] + Float(m1) * xSums[b * 8 + 2 * j + 1]
            }
            minTotal += dmin * sumMin
        }
        return sum(t0 + t1) - minTotal
    }

    /// 32 bytes of a Q4_K group: low nibbles are elements 0..<32 (first scale), high 32..<64 (second).
    @inline(__always) static func q4KGroup(_ qs: UnsafeRawPointer, _ xl: UnsafePointer<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
        let (lo0, hi0) = nibbleDot(qs, xl, xl + 32)
        let (lo1, hi1) = nibbleDot(qs + 16, xl + 16, xl + 48)
        return (lo0 + lo1, hi0 + hi1)
    }

    /// The 6-bit scale and min of sub-block `j` of a Q4_K/Q5_K super-block.
    @inline(__always) static func scaleMinK4(_ j: Int, _ q: UnsafePointer<UInt8>) -> (UInt8, UInt8) {
        if j < 4 { return (q[j] & 63, q[j + 4] & 63) }
        return ((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4), (q[j + 4] >> 4) | ((q[j] >> 6) << 4))
    }

    /// Q6_K: 256-element super-blocks, 4+2-bit quants, 16 int8 scales.
    static func dotQ6_K(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = SIMD16<Float>()
        for b in 0..<(n / 256) {
            let p = row + b * 210
            let d = half(p, 208)
            let scales = (p + 192).assumingMemoryBound(to: Int8.self)
            for half128 in 0..<2 {
                let ql = p + half128 * 64
                let qh = p + 128 + half128 * 32
                let sc = scales + half128 * 8
                let xh = x + b * 256 + half128 * 128
                for l16 in 0..<2 {
                    let l = l16 * 16
                    let a = ql.loadUnaligned(fromByteOffset: l, as: SIMD16<UInt8>.self)
                    let c = ql.loadUnaligned(fromByteOffset: l + 32, as: SIMD16<UInt8>.self)
                    let h = qh.loadUnaligned(fromByteOffset: l, as: SIMD16<UInt8>.self)
                    let q1 = floats((a & 0x0F) | ((h & 3) &<< 4)) - 32
                    let q2 = floats((c & 0x0F) | (((h &>> 2) & 3) &<< 4)) - 32
                    let q3 = floats((a &>> 4) | (((h &>> 4) & 3) &<< 4)) - 32
                    let q4 = floats((c &>> 4) | (((h &>> 6) & 3) &<< 4)) - 32
                    total.addProduct(q1 * load16(xh + l), SIMD16(repeating: d * Float(sc[l16])))
                    total.addProduct(q2 * load16(xh + l + 32), SIMD16(repeating: d * Float(sc[l16 + 2])))
                    total.addProduct(q3 * load16(xh + l + 64), SIMD16(repeating: d * Float(sc[l16 + 4])))
                    total.addProduct(q4 * load16(xh + l + 96), SIMD16(repeating: d * Float(sc[l16 + 6])))
                }
            }
        }
        return sum(total)
    }
}
