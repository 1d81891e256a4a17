/// Plain float formats and the 32-element legacy quants (Q4_0 … Q8_0),
/// transcribed from ggml's `dequantize_row_*` reference code.
extension Dequantize {
    static func f32(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, count: Int) {
        UnsafeMutableRawPointer(y).copyMemory(from: src, byteCount: count * 4)
        #if _endian(big)
        for i in 0..<count { y[i] = Float(bitPattern: UInt32(littleEndian: y[i].bitPattern)) }
        #endif
    }

    static func f16(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = QuantBlock.half(src, 2 * i) }
    }

    static func bf16(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let h = UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            y[i] = Float(bitPattern: UInt32(h) << 16)
        }
    }

    static func q4_0(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q4_0
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d)
            let qs = (b + L.qs).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 32
            for j in 0..<16 {
                out[j] = Float(Int32(qs[j] & 0xF) - 8) * d
                out[j + 16] = Float(Int32(qs[j] >> 4) - 8) * d
            }
        }
    }

    static func q4_1(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q4_1
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d), m = QuantBlock.half(b, L.m)
            let qs = (b + L.qs).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 32
            for j in 0..<16 {
                out[j] = Float(qs[j] & 0xF) * d + m
                out[j + 16] = Float(qs[j] >> 4) * d + m
            }
        }
    }

    /// 16 lanes at a time (`vpsrlvd` for the fifth bits); each value is
    /// still `Float(q - 16) * d`, so results equal the scalar reference.
    static func q5_0(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q5_0
        let shifts = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = SIMD16<Float>(repeating: QuantBlock.half(b, L.d))
            let qh = SIMD16<UInt32>(repeating: UInt32(littleEndian: b.loadUnaligned(fromByteOffset: L.qh, as: UInt32.self)))
            let qs = SIMD16<UInt32>(truncatingIfNeeded: b.loadUnaligned(fromByteOffset: L.qs, as: SIMD16<UInt8>.self))
            let lo = (qs & 0xF) | (((qh &>> shifts) &<< 4) & 0x10)
            let hi = (qs &>> 4) | ((qh &>> (shifts &+ 12)) & 0x10)
            let out = UnsafeMutableRawPointer(y + i * 32)
            out.storeBytes(of: centeredFloats(lo) * d, as: SIMD16<Float>.self)
            out.storeBytes(of: centeredFloats(hi) * d, toByteOffset: 64, as: SIMD16<Float>.self)
        }
    }

    /// `Float(Int32(v) - 16)` per lane (an element loop: compiles to
    /// `vpsubd` + `vcvtdq2ps`, where the generic conversion calls out).
    @inline(__always) private static func centeredFloats(_ v: SIMD16<UInt32>) -> SIMD16<Float> {
        let q = SIMD16<Int32>(truncatingIfNeeded: v) &- 16
        var r = SIMD16<Float>()
        for j in 0..<16 { r[j] = Float(q[j]) }
        return r
    }

    static func q5_1(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q5_1
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d), m = QuantBlock.half(b, L.m)
            let qh = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: L.qh, as: UInt32.self))
            let qs = (b + L.qs).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 32
            for j in 0..<16 {
                let h0 = ((qh >> UInt32(j)) << 4) & 0x10
                let h1 = (qh >> UInt32(j + 12)) & 0x10
                out[j] = Float(UInt32(qs[j] & 0xF) | h0) * d + m
                out[j + 16] = Float(UInt32(qs[j] >> 4) | h1) * d + m
            }
        }
    }

    static func q8_0(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q8_0
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d)
            let qs = (b + L.qs).assumingMemoryBound(to: Int8.self)
            let out = y + i * 32
            for j in 0..<32 { out[j] = Float(qs[j]) * d }
        }
    }
}
