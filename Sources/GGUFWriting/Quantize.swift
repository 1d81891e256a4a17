import GGUF
/// Turns f32 rows into any supported `GGMLType`, in exactly ggml's block
/// layout, so tests and tiny synthetic models can be written without
/// llama.cpp's tools.
public enum Quantize {
    /// Quantizes `count` floats (a whole number of blocks of `type`) from
    /// `src` into `dst`, which must hold `type.byteCount(elements: count)`
    /// bytes. Legacy types follow ggml's `quantize_row_*_ref`
    /// (round-to-nearest); K-quants use a simple scale/min search whose
    /// output `Dequantize` reads back with bounded error.
    public static func row(_ type: GGMLType, from src: UnsafePointer<Float>, to dst: UnsafeMutableRawPointer,
                           count: Int) {
        guard count % type.blockSize == 0 else {
            fatalError("\(count) elements is not a whole number of \(type) blocks")
        }
        let blocks = count / type.blockSize
        for i in 0..<blocks {
            let x = src + i * type.blockSize
            let y = dst + i * type.bytesPerBlock
            switch type {
            case .f32: y.storeBytes(of: x[0].bitPattern.littleEndian, as: UInt32.self)
            case .f16: QuantBlock.storeHalf(x[0], y, 0)
            case .bf16: y.storeBytes(of: bf16Bits(x[0]).littleEndian, as: UInt16.self)
            case .q4_0: q4_0(x, y)
            case .q4_1: q4_1(x, y)
            case .q5_0: q5_0(x, y)
            case .q5_1: q5_1(x, y)
            case .q8_0: q8_0(x, y)
            case .q2_K: q2_K(x, y)
            case .q3_K: q3_K(x, y)
            case .q4_K: q4_K(x, y)
            case .q5_K: q5_K(x, y)
            case .q6_K: q6_K(x, y)
            case .q8_K: q8_K(x, y)
            case .iq4_nl: iq4_nl(x, y)
            case .iq4_xs: iq4_xs(x, y)
            default: fatalError("quantization to \(type) not implemented")
            }
        }
    }

    /// Quantizes a whole array; convenient for tests and synthetic models.
    public static func bytes(_ type: GGMLType, from values: [Float]) -> [UInt8] {
        guard let n = type.byteCount(elements: values.count) else {
            fatalError("\(values.count) elements is not a whole number of \(type) blocks")
        }
        var out = [UInt8](repeating: 0, count: n)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBytes { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                row(type, from: s, to: d, count: values.count)
            }
        }
        return out
    }

    /// ggml's `ggml_compute_fp32_to_bf16`: round to nearest even, NaN kept quiet.
    static func bf16Bits(_ f: Float) -> UInt16 {
        let u = f.bitPattern
        if u & 0x7FFF_FFFF > 0x7F80_0000 { return UInt16((u >> 16) | 64) }
        return UInt16(truncatingIfNeeded: (u &+ (0x7FFF &+ ((u >> 16) & 1))) >> 16)
    }

    /// Truncates `v` toward zero into `0...hi`, mapping NaN to 0 (ggml casts
    /// to int then clamps; the float clamp keeps the cast defined).
    @inline(__always)
    static func clampTrunc(_ v: Float, _ hi: Int32) -> UInt8 {
        guard v > 0 else { return 0 }
        return UInt8(min(Int32(min(v, Float(hi))), hi))
    }

    /// ggml's `nearest_int`: round half away from zero, clamped to `lo...hi`.
    @inline(__always)
    static func nearest(_ v: Float, _ lo: Int32, _ hi: Int32) -> Int32 {
        guard v.isFinite else { return v > 0 ? hi : (v < 0 ? lo : 0) }
        let r = v.rounded(.toNearestOrAwayFromZero)
        if r <= Float(lo) { return lo }
        if r >= Float(hi) { return hi }
        return Int32(r)
    }
}
