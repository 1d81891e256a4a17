import _Builtin_intrinsics.intel

/// An f32 vector quantized to int8 in blocks of 32 (ggml's Q8_0/Q8_1
/// activation format, kept as separate arrays rather than packed blocks):
/// element i ≈ `d[i / 32] · qs[i]`, with |qs| ≤ 127.
///
/// Owns its storage: create once with the largest `n` it will hold, call
/// `deallocate()` when done. Filled by `quantizeQ8_0(x:n:into:)`.
struct Q8_0Vector: @unchecked Sendable {
    /// Quantized values, `capacity` of them (32-byte aligned).
    let qs: UnsafeMutablePointer<Int8>
    /// One scale per block of 32.
    let d: UnsafeMutablePointer<Float>
    /// `d[b] · Σ qs[32b ..< 32b + 32]`: the block's sum, for the offset and
    /// minimum terms of Q4_0, Q4_1, Q5_0 and Q5_1.
    let sums: UnsafeMutablePointer<Float>
    /// `qs` regrouped by pairs of blocks for the nibble kernels: for blocks
    /// 2k and 2k + 1, bytes 64k ..< 64k + 64 hold elements 0..<16 of both,
    /// then elements 16..<32 of both (a trailing odd block is left out).
    let pairs: UnsafeMutablePointer<Int8>
    /// Elements it can hold (a multiple of 32).
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity % 32 == 0, "Q8_0 capacity must be a multiple of 32")
        self.capacity = capacity
        qs = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 32).bindMemory(to: Int8.self, capacity: capacity)
        d = .allocate(capacity: capacity / 32)
        sums = .allocate(capacity: capacity / 32)
        pairs = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 32).bindMemory(to: Int8.self, capacity: capacity)
    }

    func deallocate() {
        UnsafeMutableRawPointer(qs).deallocate()
        d.deallocate()
        sums.deallocate()
        UnsafeMutableRawPointer(pairs).deallocate()
    }
}

/// An f32 vector quantized to int8 in super-blocks of 256 (ggml's Q8_K,
/// as separate arrays): element i ≈ `d[i / 256] · qs[i]`, |qs| ≤ 127, and
/// `bsums[j]` = Σ qs[16j ..< 16j + 16].
///
/// Owns its storage like `Q8_0Vector`. Filled by `quantizeQ8_K(x:n:into:)`.
struct Q8_KVector: @unchecked Sendable {
    /// Quantized values, `capacity` of them (32-byte aligned).
    let qs: UnsafeMutablePointer<Int8>
    /// One scale per super-block of 256.
    let d: UnsafeMutablePointer<Float>
    /// Integer sum of each run of 16 quants (|sum| ≤ 2032).
    let bsums: UnsafeMutablePointer<Int16>
    /// Elements it can hold (a multiple of 256).
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity % 256 == 0, "Q8_K capacity must be a multiple of 256")
        self.capacity = capacity
        qs = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 32).bindMemory(to: Int8.self, capacity: capacity)
        d = .allocate(capacity: capacity / 256)
        bsums = UnsafeMutableRawPointer.allocate(byteCount: capacity / 8, alignment: 32)
            .bindMemory(to: Int16.self, capacity: capacity / 16)
    }

    func deallocate() {
        UnsafeMutableRawPointer(qs).deallocate()
        d.deallocate()
        UnsafeMutableRawPointer(bsums).deallocate()
    }
}

/// Quantizes `x[0 ..< n]` (n a multiple of 32, ≤ `v.capacity`) into `v`:
/// per block d = max|x| / 127, q = round-to-nearest-even(x / d).
func quantizeQ8_0(x: UnsafePointer<Float>, n: Int, into v: Q8_0Vector) {
    var previous = _mm256_setzero_si256()
    for b in 0..<(n / 32) {
        let src = UnsafeRawPointer(x + 32 * b)
        let f = (src.loadUnaligned(as: __m256.self), src.loadUnaligned(fromByteOffset: 32, as: __m256.self),
                 src.loadUnaligned(fromByteOffset: 64, as: __m256.self), src.loadUnaligned(fromByteOffset: 96, as: __m256.self))
        let amax = hmax(_mm256_max_ps(_mm256_max_ps(abs(f.0), abs(f.1)), _mm256_max_ps(abs(f.2), abs(f.3))))
        let d = amax / 127
        let (q, sum) = quantize32(f, inverseScale: amax > 0 ? 127 / amax : 0)
        UnsafeMutableRawPointer(v.qs + 32 * b).storeBytes(of: q, as: __m256i.self)
        v.d[b] = d
        v.sums[b] = d * Float(sum)
        if b % 2 == 1 {
            let out = UnsafeMutableRawPointer(v.pairs + 32 * (b - 1))
            out.storeBytes(of: __m256i(lowHalf: previous.lowHalf, highHalf: q.lowHalf), as: __m256i.self)
            out.storeBytes(of: __m256i(lowHalf: previous.highHalf, highHalf: q.highHalf), toByteOffset: 32, as: __m256i.self)
        }
        previous = q
    }
}

/// Quantizes `x[0 ..< n]` (n a multiple of 256, ≤ `v.capacity`) into `v`:
/// per super-block d = max|x| / 127, q = round-to-nearest-even(x / d).
func quantizeQ8_K(x: UnsafePointer<Float>, n: Int, into v: Q8_KVector) {
    for b in 0..<(n / 256) {
        let src = UnsafeRawPointer(x + 256 * b)
        var m = _mm256_setzero_ps()
        for i in 0..<32 { m = _mm256_max_ps(m, abs(src.loadUnaligned(fromByteOffset: 32 * i, as: __m256.self))) }
        let amax = hmax(m)
        let inverse: Float = amax > 0 ? 127 / amax : 0
        v.d[b] = amax / 127
        for c in 0..<8 {
            let s = src + 128 * c
            let f = (s.loadUnaligned(as: __m256.self), s.loadUnaligned(fromByteOffset: 32, as: __m256.self),
                     s.loadUnaligned(fromByteOffset: 64, as: __m256.self), s.loadUnaligned(fromByteOffset: 96, as: __m256.self))
            let (q, _) = quantize32(f, inverseScale: inverse)
            UnsafeMutableRawPointer(v.qs + 256 * b + 32 * c).storeBytes(of: q, as: __m256i.self)
            // Two runs of 16: maddubs(1, q) then madd(1, ·) gives 4-element sums,
            // lanes 0..<4 from bytes 0..<16 and 4..<8 from bytes 16..<32.
            let fours = unsafeBitCast(dotU8S8(_mm256_set1_epi8(1), q), to: SIMD8<Int32>.self)
            v.bsums[16 * b + 2 * c] = Int16(truncatingIfNeeded: fours[0] &+ fours[1] &+ fours[2] &+ fours[3])
            v.bsums[16 * b + 2 * c + 1] = Int16(truncatingIfNeeded: fours[4] &+ fours[5] &+ fours[6] &+ fours[7])
        }
    }
}

/// |v| per lane.
@inline(__always) private func abs(_ v: __m256) -> __m256 {
    _mm256_andnot_ps(_mm256_set1_ps(-0.0), v)
}

/// 32 floats times `inverseScale`, rounded to int8 in element order, and their integer sum.
@inline(__always) private func quantize32(_ f: (__m256, __m256, __m256, __m256), inverseScale: Float) -> (__m256i, Int32) {
    let s = _mm256_set1_ps(inverseScale)
    let i0 = _mm256_cvtps_epi32(_mm256_mul_ps(f.0, s)), i1 = _mm256_cvtps_epi32(_mm256_mul_ps(f.1, s))
    let i2 = _mm256_cvtps_epi32(_mm256_mul_ps(f.2, s)), i3 = _mm256_cvtps_epi32(_mm256_mul_ps(f.3, s))
    let sum = hsum(_mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3)))
    // packs work per 128-bit lane; the permute restores element order.
    let packed = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3))
    return (_mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)), sum)
}
