import _Builtin_intrinsics.intel

// The 2- and 3-bit K-quants and the non-linear 4-bit formats against 8-bit
// activations (ggml's `ggml_vec_dot_{q2_K,q3_K}_q8_K`, `…iq4_nl_q8_0`,
// `…iq4_xs_q8_K`). Layouts: `QuantBlock` and `Dequantize` in GGUF.

/// Q2_K: `{ u8 scales[16]; u8 qs[64]; f16 d; f16 dmin }` (84 bytes). Sixteen
/// 16-element sub-blocks, scale in the low nibble and minimum in the high
/// one; element 128n + 32j + l is bits 2j of qs[32n + l]; value
/// d·sc·q − dmin·m.
enum Q2_KFormat: KFormat {
    static var blockBytes: Int { 84 }
    static var hasMin: Bool { true }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let packed = load128(p), m4 = _mm_set1_epi8(0x0F)
        let scales = _mm_and_si128(packed, m4), mins = _mm_and_si128(_mm_srli_epi16(packed, 4), m4)
        let minSum = hsum(_mm256_madd_epi16(_mm256_cvtepu8_epi16(mins), load256(bsums)))
        let m3 = _mm256_set1_epi8(3)
        var sum = _mm256_setzero_si256()
        for n in 0..<2 {
            let bits = load256(p + 16 + 32 * n)
            for j in 0..<4 {
                let q = _mm256_and_si256(_mm256_srli_epi16(bits, Int32(2 * j)), m3)
                let y = load256(qs + 128 * n + 32 * j)
                sum = _mm256_add_epi32(sum, _mm256_madd_epi16(pairScales(scales, 4 * n + j), _mm256_maddubs_epi16(q, y)))
            }
        }
        return (sum, half(p, 80), half(p, 82) * Float(minSum))
    }
}

/// Q3_K: `{ u8 hmask[32]; u8 qs[64]; u8 scales[12]; f16 d }` (110 bytes).
/// Sixteen 16-element sub-blocks with 6-bit scales offset by 32; element
/// 128n + 32j + l is bits 2j of qs[32n + l], minus 4 unless bit 4n + j of
/// hmask[l] is set; value d·sc·q.
enum Q3_KFormat: KFormat {
    static var blockBytes: Int { 110 }
    static var hasMin: Bool { false }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let scales = q3Scales(p + 96), highBits = load256(p)
        let m3 = _mm256_set1_epi8(3), four = _mm256_set1_epi8(4), zero = _mm256_setzero_si256()
        var sum = _mm256_setzero_si256()
        for n in 0..<2 {
            let bits = load256(p + 32 + 32 * n)
            for j in 0..<4 {
                let q = _mm256_and_si256(_mm256_srli_epi16(bits, Int32(2 * j)), m3)
                let bit = _mm256_set1_epi8(Int8(bitPattern: UInt8(1) << UInt8(4 * n + j)))
                let minus = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(highBits, bit), zero), four)
                let y = load256(qs + 128 * n + 32 * j)
                let products = _mm256_sub_epi16(_mm256_maddubs_epi16(q, y), _mm256_maddubs_epi16(minus, y))
                sum = _mm256_add_epi32(sum, _mm256_madd_epi16(pairScales(scales, 4 * n + j), products))
            }
        }
        return (sum, half(p, 108), 0)
    }

    /// The sixteen scales (sc − 32, int8) from their 12 packed bytes: low
    /// nibbles in bytes 0..<8 (sub-blocks j and j + 8), high two bits in bytes 8..<12.
    @inline(__always) private static func q3Scales(_ packed: UnsafeRawPointer) -> __m128i {
        let low: UInt32 = 0x0F0F_0F0F, two: UInt32 = 0x0303_0303
        let a0 = packed.loadUnaligned(as: UInt32.self), a1 = packed.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        let hi = packed.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        let s0 = (a0 & low) | ((hi & two) << 4), s1 = (a1 & low) | (((hi >> 2) & two) << 4)
        let s2 = ((a0 >> 4) & low) | (((hi >> 4) & two) << 4), s3 = ((a1 >> 4) & low) | (((hi >> 6) & two) << 4)
        let v = _mm_set_epi32(Int32(bitPattern: s3), Int32(bitPattern: s2), Int32(bitPattern: s1), Int32(bitPattern: s0))
        return _mm_sub_epi8(v, _mm_set1_epi8(32))
    }
}

/// IQ4_XS: `{ f16 d; u16 scales_h; u8 scales_l[4]; u8 qs[128] }` (136 bytes):
/// eight IQ4_NL-like 32-element sub-blocks with 6-bit scales offset by 32.
enum IQ4_XSFormat: KFormat {
    static var blockBytes: Int { 136 }
    static var hasMin: Bool { false }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let high = UInt32(p.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        let low = p.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        func scale(_ ib: Int) -> Int16 { Int16(((low >> UInt32(4 * ib)) & 0xF) | (((high >> UInt32(2 * ib)) & 3) << 4)) - 32 }
        let table = iq4Levels, m4 = _mm256_set1_epi8(0x0F)
        var sum = _mm256_setzero_si256()
        for k in 0..<4 {
            // Sub-blocks 2k and 2k + 1 side by side: low nibbles are their elements 0..<16, high nibbles 16..<32.
            let bytes = load256(p + 8 + 32 * k)
            let lo = _mm256_shuffle_epi8(table, _mm256_and_si256(bytes, m4))
            let hi = _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), m4))
            let y = qs + 64 * k
            let yLo = __m256i(lowHalf: load128(y), highHalf: load128(y + 32))
            let yHi = __m256i(lowHalf: load128(y + 16), highHalf: load128(y + 48))
            let sc = __m256i(lowHalf: _mm_set1_epi16(scale(2 * k)), highHalf: _mm_set1_epi16(scale(2 * k + 1)))
            let products = _mm256_add_epi32(_mm256_madd_epi16(signedProducts(lo, yLo), sc),
                                            _mm256_madd_epi16(signedProducts(hi, yHi), sc))
            sum = _mm256_add_epi32(sum, products)
        }
        return (sum, half(p, 0), 0)
    }
}

/// IQ4_NL: `{ f16 d; u8 qs[16] }` (18 bytes), value d·level[nibble], the
/// nibbles laid out as Q4_0's.
enum IQ4_NLFormat: LegacyFormat {
    static var blockBytes: Int { 18 }
    static var hasOffset: Bool { false }
    static var pairsBlocks: Bool { true }

    @inline(__always) static func dot(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        dotS8S8(_mm256_shuffle_epi8(iq4Levels, nibbles32(p + 2)), load256(y))
    }

    /// Two blocks' nibbles side by side, in `Q8_0Vector.pairs` order (see `NibbleFormat.dotPair`).
    @inline(__always) static func dotPair(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        let bytes = __m256i(lowHalf: load128(p + 2), highHalf: load128(p + blockBytes + 2)), m4 = _mm256_set1_epi8(0x0F)
        let lo = _mm256_shuffle_epi8(iq4Levels, _mm256_and_si256(bytes, m4))
        let hi = _mm256_shuffle_epi8(iq4Levels, _mm256_and_si256(_mm256_srli_epi16(bytes, 4), m4))
        return _mm256_add_epi32(dotS8S8(lo, load256(y)), dotS8S8(hi, load256(y + 32)))
    }

    @inline(__always) static func offsets(_ p: UnsafeRawPointer, count: Int, d: __m256) -> __m256 { _mm256_setzero_ps() }
}

/// ggml's `kvalues_iq4nl` (−127 … 113) in both 128-bit lanes, for `vpshufb`.
@inline(__always) private var iq4Levels: __m256i {
    let low = Int64(bitPattern: 0xF6EA_DDCF_BFAD_9881), high: Int64 = 0x7159_4535_2619_0D01
    return _mm256_set_epi64x(high, low, high, low)
}
