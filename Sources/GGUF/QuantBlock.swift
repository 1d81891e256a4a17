/// Byte layouts of ggml's quantized blocks as stored in GGUF files, plus the
/// small unpacking helpers that both `Dequantize` and mat-vec kernels need.
///
/// Offsets are in bytes from the start of a block; every multi-byte field is
/// little-endian. `d`/`m`/`dmin` fields are IEEE half floats except in Q8_K,
/// whose `d` is an f32. Legacy blocks hold 32 elements; K-quant
/// "super-blocks" hold 256 elements split into sub-blocks of 16 or 32.
public enum QuantBlock {
    /// Elements per legacy block (Q4_0 … Q8_0).
    public static let qk = 32
    /// Elements per K-quant super-block (Q2_K … Q8_K).
    public static let qkK = 256

    /// `{ f16 d; u8 qs[16] }`: element j (< 16) is the low nibble of qs[j],
    /// element j + 16 the high nibble; value = (q - 8) * d.
    public enum Q4_0 { public static let bytes = 18, d = 0, qs = 2 }
    /// `{ f16 d; f16 m; u8 qs[16] }`: nibbles as Q4_0; value = q * d + m.
    public enum Q4_1 { public static let bytes = 20, d = 0, m = 2, qs = 4 }
    /// `{ f16 d; u32 qh; u8 qs[16] }`: bit j of qh is bit 4 of element j;
    /// value = (q - 16) * d.
    public enum Q5_0 { public static let bytes = 22, d = 0, qh = 2, qs = 6 }
    /// `{ f16 d; f16 m; u32 qh; u8 qs[16] }`: as Q5_0; value = q * d + m.
    public enum Q5_1 { public static let bytes = 24, d = 0, m = 2, qh = 4, qs = 8 }
    /// `{ f16 d; i8 qs[32] }`: value = q * d.
    public enum Q8_0 { public static let bytes = 34, d = 0, qs = 2 }

    /// `{ u8 scales[16]; u8 qs[64]; f16 d; f16 dmin }`. Sixteen sub-blocks of
    /// 16; scales[i] low nibble scales sub-block i, high nibble is its min.
    /// Element e = 128n + 32j + l (l < 32) is bits 2j…2j+1 of qs[32n + l];
    /// value = d * sc * q - dmin * m.
    public enum Q2_K { public static let bytes = 84, scales = 0, qs = 16, d = 80, dmin = 82 }
    /// `{ u8 hmask[32]; u8 qs[64]; u8 scales[12]; f16 d }`. Sixteen 6-bit
    /// signed scales (see `q3KScale`). Element e = 128n + 32j + l takes its
    /// low two bits from qs[32n + l] >> 2j and its third bit from hmask[l]
    /// bit 4n + j; value = d * (sc - 32) * (q - (hbit ? 0 : 4)).
    public enum Q3_K { public static let bytes = 110, hmask = 0, qs = 32, scales = 96, d = 108 }
    /// `{ f16 d; f16 dmin; u8 scales[12]; u8 qs[128] }`. Eight sub-blocks of
    /// 32 with 6-bit scale and min (see `kScaleMin`). In each 64-element chunk
    /// c, element l < 32 is the low nibble of qs[32c + l], element 32 + l the
    /// high nibble; value = d * sc * q - dmin * m.
    public enum Q4_K { public static let bytes = 144, d = 0, dmin = 2, scales = 4, qs = 16 }
    /// `{ f16 d; f16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128] }`: Q4_K plus
    /// a fifth bit: chunk c takes it from qh[l] bit 2c (first half) or 2c + 1
    /// (second half).
    public enum Q5_K { public static let bytes = 176, d = 0, dmin = 2, scales = 4, qh = 16, qs = 48 }
    /// `{ u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d }`. In each 128-element
    /// half n, element 32k + l (k < 4, l < 32) has low nibble from
    /// ql[64n + l + 32(k & 1)] (high nibble when k ≥ 2) and two high bits
    /// qh[32n + l] >> 2k; value = d * scales[e / 16] * (q - 32).
    public enum Q6_K { public static let bytes = 210, ql = 0, qh = 128, scales = 192, d = 208 }
    /// `{ f32 d; i8 qs[256]; i16 bsums[16] }`: value = d * q; bsums[i] is the
    /// sum of qs[16i ..< 16i + 16] (used only by dot-product kernels).
    public enum Q8_K { public static let bytes = 292, d = 0, qs = 4, bsums = 260 }

    /// Reads the IEEE half at `offset` as a Float.
    @inlinable @inline(__always)
    public static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        Float(Float16(bitPattern: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))))
    }

    /// Writes `value` rounded to an IEEE half at `offset`.
    @inlinable @inline(__always)
    public static func storeHalf(_ value: Float, _ p: UnsafeMutableRawPointer, _ offset: Int) {
        p.storeBytes(of: Float16(value).bitPattern.littleEndian, toByteOffset: offset, as: UInt16.self)
    }

    /// Scale and min of sub-block `j` (0..<8) from the 12 packed bytes of a
    /// Q4_K/Q5_K block (ggml's `get_scale_min_k4`): for j < 4 the low six bits
    /// of bytes j and j + 4; otherwise a nibble of byte j + 4 plus the top two
    /// bits of bytes j - 4 (scale) and j (min).
    @inlinable @inline(__always)
    public static func kScaleMin(j: Int, scales q: UnsafePointer<UInt8>) -> (scale: UInt8, min: UInt8) {
        if j < 4 {
            return (q[j] & 63, q[j + 4] & 63)
        }
        return ((q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4), (q[j + 4] >> 4) | ((q[j] >> 6) << 4))
    }

    /// Signed scale of sub-block `j` (0..<16) of a Q3_K block, already minus
    /// 32: low nibble from byte j (j < 8) or the high nibble of byte j - 8,
    /// high two bits from byte 8 + j % 4 shifted by 2 * (j / 4).
    @inlinable @inline(__always)
    public static func q3KScale(j: Int, scales q: UnsafePointer<UInt8>) -> Int32 {
        let low = j < 8 ? q[j] & 0xF : q[j - 8] >> 4
        let high = (q[8 + (j & 3)] >> UInt8(2 * (j >> 2))) & 3
        return Int32(low | (high << 4)) - 32
    }
}
