/// The 256-element K-quants (Q2_K … Q8_K), transcribed from ggml's
/// `dequantize_row_*` reference code; `QuantBlock` documents the layouts.
extension Dequantize {
    static func q2_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q2_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d), dmin = QuantBlock.half(b, L.dmin)
            let scales = (b + L.scales).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 256
            for n in 0..<2 {
                let q = (b + L.qs + 32 * n).assumingMemoryBound(to: UInt8.self)
                for j in 0..<4 {
                    let shift = UInt8(2 * j)
                    for half in 0..<2 {
                        let sc = scales[8 * n + 2 * j + half]
                        let dl = d * Float(sc & 0xF), ml = dmin * Float(sc >> 4)
                        let o = out + 128 * n + 32 * j + 16 * half
                        for l in 0..<16 { o[l] = dl * Float((q[16 * half + l] >> shift) & 3) - ml }
                    }
                }
            }
        }
    }

    static func q3_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q3_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let dAll = QuantBlock.half(b, L.d)
            let scales = (b + L.scales).assumingMemoryBound(to: UInt8.self)
            let hm = (b + L.hmask).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 256
            for n in 0..<2 {
                let q = (b + L.qs + 32 * n).assumingMemoryBound(to: UInt8.self)
                for j in 0..<4 {
                    let shift = UInt8(2 * j), m = UInt8(1) << UInt8(4 * n + j)
                    for half in 0..<2 {
                        let dl = dAll * Float(QuantBlock.q3KScale(j: 8 * n + 2 * j + half, scales: scales))
                        let o = out + 128 * n + 32 * j + 16 * half
                        for l in 16 * half..<16 * half + 16 {
                            let low = Int32((q[l] >> shift) & 3)
                            o[l - 16 * half] = dl * Float(low - (hm[l] & m != 0 ? 0 : 4))
                        }
                    }
                }
            }
        }
    }

    static func q4_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q4_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d), dmin = QuantBlock.half(b, L.dmin)
            let scales = (b + L.scales).assumingMemoryBound(to: UInt8.self)
            for c in 0..<4 {
                let q = (b + L.qs + 32 * c).assumingMemoryBound(to: UInt8.self)
                let (s1, m1) = QuantBlock.kScaleMin(j: 2 * c, scales: scales)
                let (s2, m2) = QuantBlock.kScaleMin(j: 2 * c + 1, scales: scales)
                let d1 = d * Float(s1), mm1 = dmin * Float(m1)
                let d2 = d * Float(s2), mm2 = dmin * Float(m2)
                let o = y + i * 256 + 64 * c
                for l in 0..<32 {
                    o[l] = d1 * Float(q[l] & 0xF) - mm1
                    o[l + 32] = d2 * Float(q[l] >> 4) - mm2
                }
            }
        }
    }

    static func q5_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q5_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d), dmin = QuantBlock.half(b, L.dmin)
            let scales = (b + L.scales).assumingMemoryBound(to: UInt8.self)
            let qh = (b + L.qh).assumingMemoryBound(to: UInt8.self)
            for c in 0..<4 {
                let ql = (b + L.qs + 32 * c).assumingMemoryBound(to: UInt8.self)
                let (s1, m1) = QuantBlock.kScaleMin(j: 2 * c, scales: scales)
                let (s2, m2) = QuantBlock.kScaleMin(j: 2 * c + 1, scales: scales)
                let d1 = d * Float(s1), mm1 = dmin * Float(m1)
                let d2 = d * Float(s2), mm2 = dmin * Float(m2)
                let u1 = UInt8(1) << UInt8(2 * c), u2 = UInt8(2) << UInt8(2 * c)
                let o = y + i * 256 + 64 * c
                for l in 0..<32 {
                    o[l] = d1 * Float((ql[l] & 0xF) + (qh[l] & u1 != 0 ? 16 : 0)) - mm1
                    o[l + 32] = d2 * Float((ql[l] >> 4) + (qh[l] & u2 != 0 ? 16 : 0)) - mm2
                }
            }
        }
    }

    static func q6_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q6_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d)
            for n in 0..<2 {
                let ql = (b + L.ql + 64 * n).assumingMemoryBound(to: UInt8.self)
                let qh = (b + L.qh + 32 * n).assumingMemoryBound(to: UInt8.self)
                let sc = (b + L.scales + 8 * n).assumingMemoryBound(to: Int8.self)
                let o = y + i * 256 + 128 * n
                for s in 0..<2 {
                    // (d * scale) first, as ggml evaluates `d * sc[is] * q`.
                    let f1 = d * Float(sc[s]), f2 = d * Float(sc[s + 2])
                    let f3 = d * Float(sc[s + 4]), f4 = d * Float(sc[s + 6])
                    for l in 16 * s..<16 * s + 16 {
                        let h = qh[l], a = ql[l], c = ql[l + 32]
                        o[l] = f1 * Float(Int32((a & 0xF) | ((h & 3) << 4)) - 32)
                        o[l + 32] = f2 * Float(Int32((c & 0xF) | (((h >> 2) & 3) << 4)) - 32)
                        o[l + 64] = f3 * Float(Int32((a >> 4) | (((h >> 4) & 3) << 4)) - 32)
                        o[l + 96] = f4 * Float(Int32((c >> 4) | (((h >> 6) & 3) << 4)) - 32)
                    }
                }
            }
        }
    }

    static func q8_K(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q8_K
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = Float(bitPattern: UInt32(littleEndian: b.loadUnaligned(fromByteOffset: L.d, as: UInt32.self)))
            let qs = (b + L.qs).assumingMemoryBound(to: Int8.self)
            let out = y + i * 256
            for j in 0..<256 { out[j] = d * Float(qs[j]) }
        }
    }
}
