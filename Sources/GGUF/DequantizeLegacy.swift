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

    static func q5_0(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        typealias L = QuantBlock.Q5_0
        for i in 0..<blocks {
            let b = src + i * L.bytes
            let d = QuantBlock.half(b, L.d)
            let qh = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: L.qh, as: UInt32.self))
            let qs = (b + L.qs).assumingMemoryBound(to: UInt8.self)
            let out = y + i * 32
            for j in 0..<16 {
                let h0 = ((qh >> UInt32(j)) << 4) & 0x10
                let h1 = (qh >> UInt32(j + 12)) & 0x10
                out[j] = Float(Int32(UInt32(qs[j] & 0xF) | h0) - 16) * d
                out[j + 16] = Float(Int32(UInt32(qs[j] >> 4) | h1) - 16) * d
            }
        }
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
