import GGUF

/// Direct dot kernels of Q5_1, Q5_K, IQ4_NL and IQ4_XS rows (see `DotKernels`).
extension DotKernels {
    /// Q5_1: like Q5_0 with a minimum instead of the −16 offset: value d·q + m.
    static func dotQ5_1(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        dotQ5(row, x, xSums, n, withMin: true)
    }

    static func dotQ5_K(_ row: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ xSums: UnsafePointer<Float>, _ n: Int) -> Float {
        dotK(row, x, xSums, n, fifthBit: true)
    }

    /// A Q5_K group: Q4_K's nibbles plus the fifth bits of group `j` from `qh`.
    @inline(__always) static func q5KGroup(_ qs: UnsafeRawPointer, _ qh: UnsafeRawPointer, _ j: Int,
                                           _ xl: UnsafePointer<Float>) -> (SIMD8<Float>, SIMD8<Float>) {
        let lowShift = SIMD8<Int32>(repeating: Int32(2 * j)), highShift = lowShift &+ 1
        var lo = SIMD8<Float>(), hi = SIMD8<Float>()
        for l in stride(from: 0, to: 32, by: 8) {
            let a = widen8(qs + l), h = widen8(qh + l)
            lo.addProduct(floats((a & 0xF) | (((h &>> lowShift) & 1) &<< 4)), load8(xl + l))
            hi.addProduct(floats((a &>> 4) | (((h &>> highShift) & 1) &<< 4)), load8(xl + 32 + l))
        }
        return (lo, hi)
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
