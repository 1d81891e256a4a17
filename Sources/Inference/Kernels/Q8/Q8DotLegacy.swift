import _Builtin_intrinsics.intel

/// A 32-element GGUF block format whose weights are `d·q + c` (q stored as
/// an unsigned 4/5-bit or signed 8-bit integer, c a per-block offset),
/// dotted against a `Q8_0Vector` in integers: per block
/// `d·dy·Σ q·qy + c·sums[b]`. Every format starts with its f16 scale `d`.
protocol LegacyFormat {
    /// Bytes per block.
    static var blockBytes: Int { get }
    /// Whether blocks have an offset term `c`.
    static var hasOffset: Bool { get }
    /// Int32 lane partial sums of Σ q·qy for the block at `p`, `y` its 32 activation quants.
    static func dot(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i
    /// Whether kernels should use `dotPair` (cheaper per block than `dot`).
    static var pairsBlocks: Bool { get }
    /// As `dot` for the two blocks at `p`, `y` their 64 activation quants in
    /// `Q8_0Vector.pairs` order: lanes 0..<4 belong to the first block, 4..<8 to the second.
    static func dotPair(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i
    /// The offsets `c` of `count` (≤ 8) consecutive blocks from `p`, given their scales `d`.
    static func offsets(_ p: UnsafeRawPointer, count: Int, d: __m256) -> __m256
}

/// The 4- and 5-bit formats: 16 bytes of nibbles (element j < 16 the low
/// nibble of byte j, element j + 16 the high one), optionally 32 fifth bits
/// (bit j of a little-endian u32 is bit 4 of element j), and an offset that
/// is either a stored f16 minimum or `center·d`.
protocol NibbleFormat: LegacyFormat {
    /// Offset of the 16 nibble bytes.
    static var qs: Int { get }
    /// Offset of the fifth bits (5-bit formats), else nil.
    static var qh: Int? { get }
    /// Offset of the f16 minimum (Q4_1, Q5_1), else nil.
    static var m: Int? { get }
    /// The centre subtracted from q when there is no minimum (8 or 16).
    static var center: Float { get }
}

extension NibbleFormat {
    static var hasOffset: Bool { true }
    static var pairsBlocks: Bool { true }

    @inline(__always) static func dot(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        var q = nibbles32(p + qs)
        if let qh { q = _mm256_or_si256(q, bytesFromBits(p.loadUnaligned(fromByteOffset: qh, as: UInt32.self), value: 16)) }
        return dotU8S8(q, load256(y))
    }

    /// Two blocks' nibble bytes side by side: the low nibbles are both
    /// blocks' elements 0..<16, the high nibbles their elements 16..<32, so
    /// one shift and two masks unpack 64 quants, matching `Q8_0Vector.pairs`.
    @inline(__always) static func dotPair(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        let bytes = __m256i(lowHalf: load128(p + qs), highHalf: load128(p + blockBytes + qs))
        let m4 = _mm256_set1_epi8(0x0F)
        var lo = _mm256_and_si256(bytes, m4), hi = _mm256_and_si256(_mm256_srli_epi16(bytes, 4), m4)
        if let qh {
            let bits0 = UInt64(p.loadUnaligned(fromByteOffset: qh, as: UInt32.self))
            let bits1 = UInt64(p.loadUnaligned(fromByteOffset: blockBytes + qh, as: UInt32.self))
            let (b0, b1) = fifthBitPair(bits0 | bits1 << 32)
            lo = _mm256_or_si256(lo, b0)
            hi = _mm256_or_si256(hi, b1)
        }
        // Pair sums ≤ 2·31·127 each, so the two int16 products can be added before widening.
        let sum16 = _mm256_add_epi16(_mm256_maddubs_epi16(lo, load256(y)), _mm256_maddubs_epi16(hi, load256(y + 32)))
        return _mm256_madd_epi16(sum16, _mm256_set1_epi16(1))
    }

    @inline(__always) static func offsets(_ p: UnsafeRawPointer, count: Int, d: __m256) -> __m256 {
        if let m { return halves8(p, offset: m, stride: blockBytes, count: count) }
        return _mm256_mul_ps(d, _mm256_set1_ps(-center))
    }
}

/// The fifth bits of two Q5 blocks (`bits`: block 0 in the low 32 bits) as
/// bytes of 16, arranged like `dotPair`'s nibbles: (elements 0..<16 of both
/// blocks, elements 16..<32 of both blocks).
@inline(__always) private func fifthBitPair(_ bits: UInt64) -> (__m256i, __m256i) {
    let v = _mm256_set1_epi64x(Int64(bitPattern: bits))
    let lo = _mm256_shuffle_epi8(v, _mm256_set_epi64x(0x0505_0505_0505_0505, 0x0404_0404_0404_0404,
                                                      0x0101_0101_0101_0101, 0))
    let hi = _mm256_shuffle_epi8(v, _mm256_set_epi64x(0x0707_0707_0707_0707, 0x0606_0606_0606_0606,
                                                      0x0303_0303_0303_0303, 0x0202_0202_0202_0202))
    return (bitBytes(lo), bitBytes(hi))
}

/// 16 in byte j where byte j of `spread` has bit j % 8 set, else 0.
@inline(__always) private func bitBytes(_ spread: __m256i) -> __m256i {
    let mask = _mm256_set1_epi64x(Int64(bitPattern: 0x8040_2010_0804_0201))
    let clear = _mm256_cmpeq_epi8(_mm256_and_si256(spread, mask), _mm256_setzero_si256())
    return _mm256_andnot_si256(clear, _mm256_set1_epi8(16))
}

/// `{ f16 d; u8 qs[16] }`, value (q − 8)·d.
enum Q4_0Format: NibbleFormat {
    static var blockBytes: Int { 18 }
    static var qs: Int { 2 }
    static var qh: Int? { nil }
    static var m: Int? { nil }
    static var center: Float { 8 }
}

/// `{ f16 d; f16 m; u8 qs[16] }`, value q·d + m.
enum Q4_1Format: NibbleFormat {
    static var blockBytes: Int { 20 }
    static var qs: Int { 4 }
    static var qh: Int? { nil }
    static var m: Int? { 2 }
    static var center: Float { 0 }
}

/// `{ f16 d; u32 qh; u8 qs[16] }`, value (q − 16)·d.
enum Q5_0Format: NibbleFormat {
    static var blockBytes: Int { 22 }
    static var qs: Int { 6 }
    static var qh: Int? { 2 }
    static var m: Int? { nil }
    static var center: Float { 16 }
}

/// `{ f16 d; f16 m; u32 qh; u8 qs[16] }`, value q·d + m.
enum Q5_1Format: NibbleFormat {
    static var blockBytes: Int { 24 }
    static var qs: Int { 8 }
    static var qh: Int? { 4 }
    static var m: Int? { 2 }
    static var center: Float { 0 }
}

/// `{ f16 d; i8 qs[32] }`, value q·d.
enum Q8_0Format: LegacyFormat {
    static var blockBytes: Int { 34 }
    static var hasOffset: Bool { false }
    @inline(__always) static func dot(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        dotS8S8(load256(p + 2), load256(y))
    }
    static var pairsBlocks: Bool { false }
    /// (Unused by the kernels: pairing costs Q8_0 a horizontal add.)
    @inline(__always) static func dotPair(_ p: UnsafeRawPointer, _ y: UnsafePointer<Int8>) -> __m256i {
        // Pair order: (block 0 elements 0..<16, block 1 0..<16), then (16..<32, 16..<32).
        let w = (load256(p + 2), load256(p + blockBytes + 2))
        let lo = __m256i(lowHalf: w.0.lowHalf, highHalf: w.1.lowHalf), hi = __m256i(lowHalf: w.0.highHalf, highHalf: w.1.highHalf)
        return _mm256_add_epi32(dotS8S8(lo, load256(y)), dotS8S8(hi, load256(y + 32)))
    }
    @inline(__always) static func offsets(_ p: UnsafeRawPointer, count: Int, d: __m256) -> __m256 { _mm256_setzero_ps() }
}

/// Running sums of one row: two lane accumulators (alternate steps, to
/// keep FMA latency chains short) and the offset terms.
private struct LegacyAccumulator {
    var even = _mm256_setzero_ps(), odd = _mm256_setzero_ps()
    var offsets = _mm256_setzero_ps()

    /// Adds `count` (≤ 8) blocks from `p`, the first against activation block
    /// `b`; `count` must be a literal at the call site (8, 4, 2 or 1), so
    /// that the lane loops unroll (see `addTail`). Their scales are converted together and multiplied by the
    /// activation's in one vector; each block (or pair) then takes its lanes.
    @inline(__always) mutating func add<F: LegacyFormat>(_: F.Type, _ p: UnsafeRawPointer, _ x: Q8_0Vector, _ b: Int, count: Int) {
        let d = halves8(p, offset: 0, stride: F.blockBytes, count: count)
        let scales = _mm256_mul_ps(d, floats8(x.d + b, count: count))
        var k = 0
        if F.pairsBlocks {
            while k + 2 <= count {
                let dot = F.dotPair(p + k * F.blockBytes, x.pairs + 32 * (b + k))  // b + k is even
                let s = _mm256_permutevar8x32_ps(scales, _mm256_setr_epi32(Int32(k), Int32(k), Int32(k), Int32(k),
                                                                           Int32(k + 1), Int32(k + 1), Int32(k + 1), Int32(k + 1)))
                accumulate(dot, s, step: k / 2)
                k += 2
            }
        }
        while k < count {
            accumulate(F.dot(p + k * F.blockBytes, x.qs + 32 * (b + k)), broadcast(scales, k), step: k)
            k += 1
        }
        if F.hasOffset { offsets = _mm256_fmadd_ps(F.offsets(p, count: count, d: d), floats8(x.sums + b, count: count), offsets) }
    }

    /// Adds the last `count` (< 8) blocks of a row, as groups of 4, 2 and 1.
    @inline(__always) mutating func addTail<F: LegacyFormat>(_: F.Type, _ row: UnsafeRawPointer, _ x: Q8_0Vector,
                                                             _ b: Int, count: Int) {
        var b = b
        if count & 4 != 0 { add(F.self, row + b * F.blockBytes, x, b, count: 4); b += 4 }
        if count & 2 != 0 { add(F.self, row + b * F.blockBytes, x, b, count: 2); b += 2 }
        if count & 1 != 0 { add(F.self, row + b * F.blockBytes, x, b, count: 1) }
    }

    @inline(__always) private mutating func accumulate(_ dot: __m256i, _ scale: __m256, step: Int) {
        if step % 2 == 0 { even = fma(dot, scale, even) } else { odd = fma(dot, scale, odd) }
    }

    var total: Float { hsum(_mm256_add_ps(_mm256_add_ps(even, odd), offsets)) }
}

/// One row of `F` against `x`, eight blocks at a time.
@inline(__always) func legacyDot<F: LegacyFormat>(_: F.Type, _ row: UnsafeRawPointer, _ x: Q8_0Vector, _ n: Int) -> Float {
    var a = LegacyAccumulator()
    let blocks = n / 32
    var b = 0
    while b + 8 <= blocks {
        a.add(F.self, row + b * F.blockBytes, x, b, count: 8)
        b += 8
    }
    a.addTail(F.self, row, x, b, count: blocks - b)
    return a.total
}
