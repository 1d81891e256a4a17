import GGUF

/// Direct dot kernels of Q5_1, Q5_K, IQ4_NL and IQ4_XS rows (see `DotKernels`).
extension DotKernels {
    /// Q5_1: like Q5_0 with a minimum instead of the −16 offset: value d·q + m.
    static func dotQ5_1(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        let table = UnsafeRawPointer(q5HighBits)
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var offset: Float = 0
        for b in 0..<(n / 32) {
            let p = row + b * 24
            let qh = Int(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            let a = widen8(p + 8), c = widen8(p + 16)
            let h0 = table.load(fromByteOffset: (qh & 0xFF) &* 32, as: SIMD8<Int32>.self)
            let h1 = table.load(fromByteOffset: ((qh >> 8) & 0xFF) &* 32, as: SIMD8<Int32>.self)
            let h2 = table.load(fromByteOffset: ((qh >> 16) & 0xFF) &* 32, as: SIMD8<Int32>.self)
            let h3 = table.load(fromByteOffset: ((qh >> 24) & 0xFF) &* 32, as: SIMD8<Int32>.self)
            let xb = x + b * 32
            var acc0 = floats((a & 0xF) | h0) * load8(xb)
            var acc1 = floats((c & 0xF) | h1) * load8(xb + 8)
            acc0.addProduct(floats((a &>> 4) | h2), load8(xb + 16))
            acc1.addProduct(floats((c &>> 4) | h3), load8(xb + 24))
            let d = half(p, 0)
            t0.addProduct(acc0, SIMD8(repeating: d))
            t1.addProduct(acc1, SIMD8(repeating: d))
            offset = offset.addingProduct(half(p, 2), xSums[b])
        }
        return sum(t0 + t1) + offset
    }

    /// Q5_K: Q4_K's super-blocks with a fifth bit per element in `qh[32]`
    /// (bit 2j for the low nibbles of 64-element group j, bit 2j+1 for the high).
    static func dotQ5_K(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        var t0 = SIMD8<Float>(), t1 = SIMD8<Float>()
        var minTotal: Float = 0
        for b in 0..<(n / 256) {
            let p = row + b * 176
            let d = half(p, 0), dmin = half(p, 2)
            let scales = (p + 4).assumingMemoryBound(to: UInt8.self)
            let qh = p + 16
            let xb = x + b * 256
            var sumMin: Float = 0
            for j in 0..<4 {
                let qs = p + 48 + j * 32
                let (sc0, m0) = scaleMinK4(2 * j, scales)
                let (sc1, m1) = scaleMinK4(2 * j + 1, scales)
                let xl = xb + j * 64
                let lowShift = SIMD8<Int32>(repeating: Int32(2 * j)), highShift = lowShift &+ 1
                var lo = SIMD8<Float>(), hi = SIMD8<Float>()
                for l in stride(from: 0, to: 32, by: 8) {
                    let a = widen8(qs + l), h = widen8(qh + l)
                    lo.addProduct(floats((a & 0xF) | (((h &>> lowShift) & 1) &<< 4)), load8(xl + l))
                    hi.addProduct(floats((a &>> 4) | (((h &>> highShift) & 1) &<< 4)), load8(xl + 32 + l))
                }
                t0.addProduct(lo, SIMD8(repeating: d * Float(sc0)))
                t1.addProduct(hi, SIMD8(repeating: d * Float(sc1)))
                sumMin += Float(m0) * xSums[b * 8 + 2 * j] + Float(m1) * xSums[b * 8 + 2 * j + 1]
            }
            minTotal += dmin * sumMin
        }
        return sum(t0 + t1) - minTotal
    }

    /// The IQ4 levels as floats, for the kernels' lookups.
    nonisolated(unsafe) static let iq4Floats: UnsafePointer<Float> = {
        let t = UnsafeMutablePointer<Float>.allocate(capacity: 16)
        for (i, v) in Dequantize.iq4Levels.enumerated() { t[i] = Float(v) }
        return UnsafePointer(t)
    }()

    /// Σ level(q) · x over one 32-element IQ4 run: 16 index bytes, low nibbles
    /// against `x[0..<16]`, high against `x[16..<32]`. The levels are looked up
    /// into a stack buffer with scalar stores (SIMD lane inserts by a variable
    /// index compile to a slow generic path), then multiplied as vectors.
    @inline(__always) static func iq4Run(_ q: UnsafeRawPointer, _ x: UnsafePointer<Float>) -> SIMD16<Float> {
        let levels = iq4Floats
        let bytes = q.assumingMemoryBound(to: UInt8.self)
        var lo = SIMD16<Float>(), hi = SIMD16<Float>()
        withUnsafeMutableBytes(of: &lo) { l in
            withUnsafeMutableBytes(of: &hi) { h in
                let lf = l.baseAddress!.assumingMemoryBound(to: Float.self)
                let hf = h.baseAddress!.assumingMemoryBound(to: Float.self)
                for j in 0..<16 {
                    let v = Int(bytes[j])
                    lf[j] = levels[v & 0xF]
                    hf[j] = levels[v >> 4]
                }
            }
        }
        var acc = lo * load16(x)
        acc.addProduct(hi, load16(x + 16))
        return acc
    }

    static func dotIQ4_NL(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = SIMD16<Float>()
        for b in 0..<(n / 32) {
            let p = row + b * 18
            total.addProduct(iq4Run(p + 2, x + b * 32), SIMD16(repeating: half(p, 0)))
        }
        return sum(total)
    }

    static func dotIQ4_XS(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = SIMD16<Float>()
        for b in 0..<(n / 256) {
            let p = row + b * 136
            let d = half(p, 0)
            let high = Int(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
            let low = (p + 4).assumingMemoryBound(to: UInt8.self)
            for ib in 0..<8 {
                let dl = d * Float(Dequantize.iq4XSScale(ib, low: low, high: high) - 32)
                total.addProduct(iq4Run(p + 8 + ib * 16, x + b * 256 + ib * 32), SIMD16(repeating: dl))
            }
        }
        return sum(total)
    }
}
