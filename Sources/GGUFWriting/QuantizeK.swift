import GGUF
/// K-quant quantizers: a direct scale (and min) fit per sub-block, then the
/// sub-block scales quantized against one f16 super-scale, packed exactly in
/// ggml's layout (documented on `QuantBlock`).
extension Quantize {
    /// Fits `x ≈ d·sc·q − dmin·m` on 256 values in sub-blocks of `sub`, with
    /// `q` in 0...qmax and `sc`, `m` in 0...smax. Writes q, sc and m; returns
    /// d and dmin as stored (rounded to f16).
    static func fitScaleMin(_ x: UnsafePointer<Float>, sub: Int, qmax: Int32, smax: Int32,
                            q: UnsafeMutablePointer<UInt8>, sc: UnsafeMutablePointer<UInt8>,
                            mins: UnsafeMutablePointer<UInt8>) -> (d: Float, dmin: Float) {
        let nsub = 256 / sub
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * nsub) { tmp -> (Float, Float) in
            var maxScale: Float = 0, maxMin: Float = 0
            for s in 0..<nsub {
                let (lo, hi) = minMax(x + s * sub, sub)
                tmp[s] = (hi - min(lo, 0)) / Float(qmax)
                tmp[nsub + s] = -min(lo, 0)
                maxScale = max(maxScale, tmp[s])
                maxMin = max(maxMin, tmp[nsub + s])
            }
            // Rounding the sub-scales up keeps every value inside the grid.
            let d = Float(Float16(maxScale / Float(smax))), dmin = Float(Float16(maxMin / Float(smax)))
            for s in 0..<nsub {
                sc[s] = d > 0 ? UInt8(nearest((tmp[s] / d).rounded(.up), 0, smax)) : 0
                mins[s] = dmin > 0 ? UInt8(nearest((tmp[nsub + s] / dmin).rounded(.up), 0, smax)) : 0
                let ds = d * Float(sc[s]), dm = dmin * Float(mins[s])
                for l in s * sub..<(s + 1) * sub {
                    q[l] = ds > 0 ? UInt8(nearest((x[l] + dm) / ds, 0, qmax)) : 0
                }
            }
            return (d, dmin)
        }
    }

    /// Fits `x ≈ d·sc·q` on 256 values in sub-blocks of 16 with signed `q`
    /// in qlo...(-qlo - 1) and `sc` in slo...(-slo - 1). Writes q and sc;
    /// returns d as stored (rounded to f16).
    static func fitSymmetric(_ x: UnsafePointer<Float>, qlo: Int32, slo: Int32,
                             q: UnsafeMutablePointer<Int8>, sc: UnsafeMutablePointer<Int8>) -> Float {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 16) { scale -> Float in
            var big: Float = 0, bigAbs: Float = 0
            for s in 0..<16 {
                scale[s] = signedAbsMax(x + 16 * s, 16).max / Float(qlo)
                if abs(scale[s]) > bigAbs { bigAbs = abs(scale[s]); big = scale[s] }
            }
            let d = Float(Float16(big / Float(slo)))
            for s in 0..<16 {
                sc[s] = d != 0 ? Int8(nearest(scale[s] / d, slo, -slo - 1)) : 0
                let ds = d * Float(sc[s])
                for l in 16 * s..<16 * s + 16 {
                    q[l] = ds != 0 ? Int8(nearest(x[l] / ds, qlo, -qlo - 1)) : 0
                }
            }
            return d
        }
    }

    static func q2_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q2_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let out = y.assumingMemoryBound(to: UInt8.self)
        withScratch(256 + 32) { q in
            let (d, dmin) = fitScaleMin(x, sub: 16, qmax: 3, smax: 15, q: q, sc: q + 256, mins: q + 272)
            for s in 0..<16 { out[L.scales + s] = q[256 + s] | (q[272 + s] << 4) }
            for e in 0..<256 {
                let n = e / 128, j = (e % 128) / 32, l = e % 32
                out[L.qs + 32 * n + l] |= q[e] << UInt8(2 * j)
            }
            QuantBlock.storeHalf(d, y, L.d)
            QuantBlock.storeHalf(dmin, y, L.dmin)
        }
    }

    static func q3_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q3_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let out = y.assumingMemoryBound(to: UInt8.self)
        withScratch(256 + 16) { raw in
            let q = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: Int8.self)
            let d = fitSymmetric(x, qlo: -4, slo: -32, q: q, sc: q + 256)
            for s in 0..<16 {
                let v = UInt8(Int32(q[256 + s]) + 32)
                if s < 8 { out[L.scales + s] |= v & 0xF } else { out[L.scales + s - 8] |= (v & 0xF) << 4 }
                out[L.scales + 8 + s % 4] |= (v >> 4) << UInt8(2 * (s / 4))
            }
            for e in 0..<256 {
                let n = e / 128, j = (e % 128) / 32, l = e % 32
                let v = UInt8(Int32(q[e]) + 4)
                out[L.qs + 32 * n + l] |= (v & 3) << UInt8(2 * j)
                out[L.hmask + l] |= (v >> 2) << UInt8(4 * n + j)
            }
            QuantBlock.storeHalf(d, y, L.d)
        }
    }

    /// Packs eight 6-bit scales and mins the way `QuantBlock.kScaleMin` reads them.
    static func packScaleMin(_ sc: UnsafePointer<UInt8>, _ m: UnsafePointer<UInt8>, into p: UnsafeMutablePointer<UInt8>) {
        for j in 0..<8 {
            if j < 4 {
                p[j] = sc[j]
                p[j + 4] = m[j]
            } else {
                p[j + 4] = (sc[j] & 0xF) | ((m[j] & 0xF) << 4)
                p[j - 4] |= (sc[j] >> 4) << 6
                p[j] |= (m[j] >> 4) << 6
            }
        }
    }

    static func q4_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q4_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let out = y.assumingMemoryBound(to: UInt8.self)
        withScratch(256 + 16) { q in
            let (d, dmin) = fitScaleMin(x, sub: 32, qmax: 15, smax: 63, q: q, sc: q + 256, mins: q + 264)
            packScaleMin(q + 256, q + 264, into: out + L.scales)
            for c in 0..<4 {
                for l in 0..<32 { out[L.qs + 32 * c + l] = q[64 * c + l] | (q[64 * c + 32 + l] << 4) }
            }
            QuantBlock.storeHalf(d, y, L.d)
            QuantBlock.storeHalf(dmin, y, L.dmin)
        }
    }

    static func q5_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q5_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let out = y.assumingMemoryBound(to: UInt8.self)
        withScratch(256 + 16) { q in
            let (d, dmin) = fitScaleMin(x, sub: 32, qmax: 31, smax: 63, q: q, sc: q + 256, mins: q + 264)
            packScaleMin(q + 256, q + 264, into: out + L.scales)
            for c in 0..<4 {
                for l in 0..<32 {
                    let a = q[64 * c + l], b = q[64 * c + 32 + l]
                    out[L.qs + 32 * c + l] = (a & 0xF) | ((b & 0xF) << 4)
                    out[L.qh + l] |= ((a >> 4) << UInt8(2 * c)) | ((b >> 4) << UInt8(2 * c + 1))
                }
            }
            QuantBlock.storeHalf(d, y, L.d)
            QuantBlock.storeHalf(dmin, y, L.dmin)
        }
    }

    static func q6_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q6_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let out = y.assumingMemoryBound(to: UInt8.self)
        withScratch(256 + 16) { raw in
            let q = UnsafeMutableRawPointer(raw).assumingMemoryBound(to: Int8.self)
            let d = fitSymmetric(x, qlo: -32, slo: -128, q: q, sc: q + 256)
            for s in 0..<16 { out[L.scales + s] = UInt8(bitPattern: q[256 + s]) }
            for e in 0..<256 {
                let n = e / 128, k = (e % 128) / 32, l = e % 32
                let v = UInt8(Int32(q[e]) + 32)
                out[L.ql + 64 * n + l + 32 * (k & 1)] |= (v & 0xF) << (k >= 2 ? 4 : 0)
                out[L.qh + 32 * n + l] |= (v >> 4) << UInt8(2 * k)
            }
            QuantBlock.storeHalf(d, y, L.d)
        }
    }

    /// ggml's `quantize_row_q8_K_ref`.
    static func q8_K(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q8_K
        y.initializeMemory(as: UInt8.self, repeating: 0, count: L.bytes)
        let (maxv, amax) = signedAbsMax(x, 256)
        guard amax > 0 else { return }
        let iscale = -127 / maxv
        y.storeBytes(of: (1 / iscale).bitPattern.littleEndian, toByteOffset: L.d, as: UInt32.self)
        for s in 0..<16 {
            var sum: Int16 = 0
            for j in 16 * s..<16 * s + 16 {
                let v = Int8(nearest(iscale * x[j], -128, 127))
                y.storeBytes(of: v, toByteOffset: L.qs + j, as: Int8.self)
                sum += Int16(v)
            }
            y.storeBytes(of: sum.littleEndian, toByteOffset: L.bsums + 2 * s, as: Int16.self)
        }
    }

    /// Runs `body` with `n` zeroed scratch bytes on the stack.
    @inline(__always)
    static func withScratch(_ n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { buf in
            buf.initialize(repeating: 0)
            body(buf.baseAddress!)
        }
    }
}
