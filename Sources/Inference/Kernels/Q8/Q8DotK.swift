import _Builtin_intrinsics.intel

/// A 256-element K-quant super-block format dotted against a `Q8_KVector`
/// in integers (ggml's `ggml_vec_dot_q*_K_q8_K`): per super-block
/// `d·dy·Σ sc·q·qy − dmin·dy·Σ m·bsum`.
protocol KFormat {
    /// Bytes per super-block.
    static var blockBytes: Int { get }
    /// Whether sub-blocks have minimums (Q4_K, Q5_K) to subtract.
    static var hasMin: Bool { get }
    /// For the super-block at `p` against activation quants `qs` (256) and
    /// `bsums` (16): int32 lanes of Σ sc·q·qy, the super-block scale d, and
    /// `dmin · Σ m·qy` (0 without minimums).
    static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float)
}

/// Q4_K: `{ f16 d; f16 dmin; u8 scales[12]; u8 qs[128] }` (144 bytes).
enum Q4_KFormat: KFormat {
    static var blockBytes: Int { 144 }
    static var hasMin: Bool { true }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let (scales, min) = kScalesAndMin(p + 4, bsums)
        let m4 = _mm256_set1_epi8(0x0F)
        var sum = _mm256_setzero_si256()
        for j in 0..<4 {
            let q4 = load256(p + 16 + 32 * j)
            let lo = _mm256_and_si256(q4, m4), hi = _mm256_and_si256(_mm256_srli_epi16(q4, 4), m4)
            sum = _mm256_add_epi32(sum, kChunk(lo, hi, qs + 64 * j, scales, j))
        }
        return (sum, half(p, 0), half(p, 2) * Float(min))
    }
}

/// Q5_K: `{ f16 d; f16 dmin; u8 scales[12]; u8 qh[32]; u8 qs[128] }` (176 bytes):
/// Q4_K plus a fifth bit, bit 2j (low nibbles) or 2j + 1 (high) of qh[l] in chunk j.
enum Q5_KFormat: KFormat {
    static var blockBytes: Int { 176 }
    static var hasMin: Bool { true }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let (scales, min) = kScalesAndMin(p + 4, bsums)
        let m4 = _mm256_set1_epi8(0x0F), bit4 = _mm256_set1_epi8(0x10)
        var high = load256(p + 16)
        var sum = _mm256_setzero_si256()
        for j in 0..<4 {
            let q4 = load256(p + 48 + 32 * j)
            // Bit 0 of each qh byte, moved to bit 4, then bit 1 (qh shifts right 2 per chunk).
            let lo = _mm256_or_si256(_mm256_and_si256(q4, m4), _mm256_and_si256(_mm256_slli_epi16(high, 4), bit4))
            let hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(q4, 4), m4),
                                     _mm256_and_si256(_mm256_slli_epi16(high, 3), bit4))
            high = _mm256_srli_epi16(high, 2)
            sum = _mm256_add_epi32(sum, kChunk(lo, hi, qs + 64 * j, scales, j))
        }
        return (sum, half(p, 0), half(p, 2) * Float(min))
    }
}

/// Q6_K: `{ u8 ql[128]; u8 qh[64]; i8 scales[16]; f16 d }` (210 bytes), value d·sc·(q − 32).
/// The −32 is applied once per super-block as −32·Σ sc·bsum.
enum Q6_KFormat: KFormat {
    static var blockBytes: Int { 210 }
    static var hasMin: Bool { false }

    @inline(__always) static func superBlock(_ p: UnsafeRawPointer, _ qs: UnsafePointer<Int8>, _ bsums: UnsafePointer<Int16>)
        -> (sum: __m256i, d: Float, min: Float) {
        let scales = load128(p + 192)
        let m4 = _mm256_set1_epi8(0x0F), m2 = _mm256_set1_epi8(0x03)
        var sum = _mm256_setzero_si256()
        for h in 0..<2 {
            let a = load256(p + 64 * h), c = load256(p + 64 * h + 32), bits = load256(p + 128 + 32 * h)
            // Element 32k + l of this half: a nibble of ql (low for k < 2), two bits of qh at 2k.
            let q0 = _mm256_or_si256(_mm256_and_si256(a, m4), _mm256_slli_epi16(_mm256_and_si256(bits, m2), 4))
            let q1 = _mm256_or_si256(_mm256_and_si256(c, m4),
                                     _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(bits, 2), m2), 4))
            let q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(a, 4), m4),
                                     _mm256_and_si256(bits, _mm256_set1_epi8(0x30)))
            let q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(c, 4), m4),
                                     _mm256_and_si256(_mm256_srli_epi16(bits, 2), _mm256_set1_epi8(0x30)))
            let y = qs + 128 * h
            let p0 = _mm256_add_epi32(q6Run(q0, y, scales, 4 * h), q6Run(q1, y + 32, scales, 4 * h + 1))
            let p1 = _mm256_add_epi32(q6Run(q2, y + 64, scales, 4 * h + 2), q6Run(q3, y + 96, scales, 4 * h + 3))
            sum = _mm256_add_epi32(sum, _mm256_add_epi32(p0, p1))
        }
        let offset = _mm256_madd_epi16(_mm256_cvtepi8_epi16(scales), load256(bsums))
        return (_mm256_sub_epi32(sum, _mm256_slli_epi32(offset, 5)), half(p, 208), 0)
    }

    /// Σ sc·q·qy for 32 quants `q` (0…63) of 16-element sub-blocks 2k and 2k + 1.
    @inline(__always) private static func q6Run(_ q: __m256i, _ y: UnsafePointer<Int8>, _ scales: __m128i, _ k: Int) -> __m256i {
        _mm256_madd_epi16(pairScales(scales, k), _mm256_maddubs_epi16(q, load256(y)))
    }
}

/// The int8 scales 2k and 2k + 1 of sixteen 16-element sub-blocks, as int16
/// lanes matching one 32-quant run's `vpmaddubsw` output: eight of 2k, then
/// eight of 2k + 1.
@inline(__always) func pairScales(_ scales: __m128i, _ k: Int) -> __m256i {
    let pick = _mm_set_epi64x(Int64(0x0101_0101_0101_0101 &* (2 * k + 1)), Int64(0x0101_0101_0101_0101 &* (2 * k)))
    return _mm256_cvtepi8_epi16(_mm_shuffle_epi8(scales, pick))
}

/// Unpacks the eight 6-bit scales and mins of a Q4_K/Q5_K super-block (12
/// bytes at `packed`, ggml's `get_scale_min_k4` layout). Returns the scales as
/// int16 (both 128-bit lanes hold scales 0..<8) and Σ m_j · (sum of the 32
/// activation quants of sub-block j).
@inline(__always) func kScalesAndMin(_ packed: UnsafeRawPointer, _ bsums: UnsafePointer<Int16>) -> (__m256i, Int32) {
    let k1: UInt32 = 0x3F3F_3F3F, k2: UInt32 = 0x0F0F_0F0F, k3: UInt32 = 0x0303_0303
    let u0 = packed.loadUnaligned(as: UInt32.self)
    let u1 = packed.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
    let u2 = packed.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
    let scalesLo = u0 & k1, scalesHi = (u2 & k2) | (((u0 >> 6) & k3) << 4)
    let minsLo = u1 & k1, minsHi = ((u2 >> 4) & k2) | (((u1 >> 6) & k3) << 4)
    let wide = _mm256_cvtepu8_epi16(_mm_set_epi32(Int32(bitPattern: minsHi), Int32(bitPattern: minsLo),
                                                  Int32(bitPattern: scalesHi), Int32(bitPattern: scalesLo)))
    let b = load256(bsums)
    let sums32 = _mm_hadd_epi16(b.lowHalf, b.highHalf)
    let mins = unsafeBitCast(_mm_madd_epi16(wide.highHalf, sums32), to: SIMD4<Int32>.self)
    return (__m256i(lowHalf: wide.lowHalf, highHalf: wide.lowHalf), mins.wrappedSum())
}

/// Σ sc·q·qy for one 64-element chunk `j` of a Q4_K/Q5_K super-block: `lo`
/// holds sub-block 2j's quants, `hi` sub-block 2j + 1's, `y` the 64 activation quants.
@inline(__always) func kChunk(_ lo: __m256i, _ hi: __m256i, _ y: UnsafePointer<Int8>, _ scales: __m256i, _ j: Int) -> __m256i {
    let pickLo = _mm256_set1_epi16(Int16(4 * j | (4 * j + 1) << 8))
    let pickHi = _mm256_set1_epi16(Int16((4 * j + 2) | (4 * j + 3) << 8))
    let pl = _mm256_madd_epi16(_mm256_shuffle_epi8(scales, pickLo), _mm256_maddubs_epi16(lo, load256(y)))
    let ph = _mm256_madd_epi16(_mm256_shuffle_epi8(scales, pickHi), _mm256_maddubs_epi16(hi, load256(y + 32)))
    return _mm256_add_epi32(pl, ph)
}

/// Running sums of one row.
private struct KAccumulator {
    var lanes = _mm256_setzero_ps()
    var min: Float = 0

    @inline(__always) mutating func add<F: KFormat>(_: F.Type, _ p: UnsafeRawPointer, _ x: Q8_KVector, _ b: Int) {
        let (sum, d, m) = F.superBlock(p, x.qs + 256 * b, x.bsums + 16 * b)
        let dy = x.d[b]
        lanes = fma(sum, d * dy, lanes)
        if F.hasMin { min = min.addingProduct(m, dy) }
    }

    var total: Float { hsum(lanes) - min }
}

/// One row of `F` against `x`.
@inline(__always) func kDot<F: KFormat>(_: F.Type, _ row: UnsafeRawPointer, _ x: Q8_KVector, _ n: Int) -> Float {
    var a = KAccumulator()
    for b in 0..<(n / 256) { a.add(F.self, row + b * F.blockBytes, x, b) }
    return a.total
}
