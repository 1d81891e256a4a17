import _Builtin_intrinsics.intel

// Small AVX2 helpers shared by the quantizer and the dot kernels. Swift
// imports `__m256i` as `SIMD4<Int64>`, `__m256` as `SIMD8<Float>`, `__m128i`
// as `SIMD2<Int64>`; everything here is `@inline(__always)` so the calls
// vanish into single instructions.

/// 32 bytes at `p`, any alignment (`vmovdqu`).
@inline(__always) func load256(_ p: UnsafeRawPointer) -> __m256i {
    p.loadUnaligned(as: __m256i.self)
}

/// 16 bytes at `p`, any alignment.
@inline(__always) func load128(_ p: UnsafeRawPointer) -> __m128i {
    p.loadUnaligned(as: __m128i.self)
}

/// The IEEE half at `p + offset` as a Float (`vcvtph2ps`).
///
/// LLVM loads the half with `vpinsrw` into whatever vector register is at
/// hand, sometimes a loop accumulator, which adds a false dependency; fine
/// once per K-quant super-block, too slow per 32-element block (see `halves8`).
/// (Integer bit tricks avoid that but hit the subnormal-multiply penalty:
/// Q6_K scales are often f16 subnormals.)
@inline(__always) func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
    Float(Float16(bitPattern: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
}

/// The f16 fields at `p + offset + k·stride` for k < count (≤ 8) as eight
/// floats, 0 in lanes ≥ count: one `vcvtph2ps` for eight blocks' scales.
@inline(__always) func halves8(_ p: UnsafeRawPointer, offset: Int, stride: Int, count: Int) -> __m256 {
    var h = SIMD8<UInt16>()
    for k in 0..<count { h[k] = p.loadUnaligned(fromByteOffset: offset + k * stride, as: UInt16.self) }
    return _mm256_cvtph_ps(unsafeBitCast(h, to: __m128i.self))
}

/// `count` (8, 4, 2 or 1) floats at `p`, 0 in lanes ≥ count.
@inline(__always) func floats8(_ p: UnsafePointer<Float>, count: Int) -> __m256 {
    let r = UnsafeRawPointer(p)
    switch count {
    case 8: return r.loadUnaligned(as: __m256.self)
    case 4: return __m256(lowHalf: r.loadUnaligned(as: SIMD4<Float>.self), highHalf: .zero)
    case 2: return __m256(lowHalf: SIMD4(lowHalf: r.loadUnaligned(as: SIMD2<Float>.self), highHalf: .zero), highHalf: .zero)
    default:
        var v = SIMD8<Float>()
        for k in 0..<count { v[k] = p[k] }
        return v
    }
}

/// Lane `k` of `v` in all eight lanes (`vpermps`).
@inline(__always) func broadcast(_ v: __m256, _ k: Int) -> __m256 {
    _mm256_permutevar8x32_ps(v, _mm256_set1_epi32(Int32(k)))
}

/// Eight int32 lane sums of adjacent u8 × s8 products: lane i = Σ a[4i+k]·b[4i+k], k < 4.
/// `a` is read unsigned, `b` signed; each pair sum must fit in int16
/// (true when a ≤ 63 and |b| ≤ 127, or a ≤ 128 and |b| ≤ 127 for the sign trick).
@inline(__always) func dotU8S8(_ a: __m256i, _ b: __m256i) -> __m256i {
    _mm256_madd_epi16(_mm256_maddubs_epi16(a, b), _mm256_set1_epi16(1))
}

/// As `dotU8S8` for two signed operands (|a| ≤ 128, |b| ≤ 127): moves a's sign onto b.
@inline(__always) func dotS8S8(_ a: __m256i, _ b: __m256i) -> __m256i {
    _mm256_madd_epi16(signedProducts(a, b), _mm256_set1_epi16(1))
}

/// Int16 sums of adjacent products of two signed operands (|a| ≤ 128,
/// |b| ≤ 127), a's sign moved onto b; for callers that scale them per
/// sub-block before widening.
@inline(__always) func signedProducts(_ a: __m256i, _ b: __m256i) -> __m256i {
    _mm256_maddubs_epi16(_mm256_sign_epi8(a, a), _mm256_sign_epi8(b, a))
}

/// The 32 nibbles of the 16 bytes at `p` as bytes: low nibbles in bytes
/// 0..<16, high nibbles in 16..<32 (ggml's `bytes_from_nibbles_32`).
@inline(__always) func nibbles32(_ p: UnsafeRawPointer) -> __m256i {
    let v = load128(p)
    let both = __m256i(lowHalf: v, highHalf: _mm_srli_epi16(v, 4))
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0F))
}

/// The 32 bits of `bits` as 32 bytes: byte j is `value` where bit j is set, else 0.
@inline(__always) func bytesFromBits(_ bits: UInt32, value: Int8) -> __m256i {
    // Byte j takes byte j/8 of `bits`, then tests bit j%8.
    let spread = _mm256_shuffle_epi8(_mm256_set1_epi32(Int32(bitPattern: bits)),
                                     _mm256_set_epi64x(0x0303_0303_0303_0303, 0x0202_0202_0202_0202,
                                                       0x0101_0101_0101_0101, 0))
    let mask = _mm256_set1_epi64x(Int64(bitPattern: 0x8040_2010_0804_0201))
    let clear = _mm256_cmpeq_epi8(_mm256_and_si256(spread, mask), _mm256_setzero_si256())
    return _mm256_andnot_si256(clear, _mm256_set1_epi8(value))
}

/// `acc + scale · Float(v)` per lane.
@inline(__always) func fma(_ v: __m256i, _ scale: Float, _ acc: __m256) -> __m256 {
    _mm256_fmadd_ps(_mm256_cvtepi32_ps(v), _mm256_set1_ps(scale), acc)
}

/// `acc + scale · Float(v)` per lane, `scale` a vector.
@inline(__always) func fma(_ v: __m256i, _ scale: __m256, _ acc: __m256) -> __m256 {
    _mm256_fmadd_ps(_mm256_cvtepi32_ps(v), scale, acc)
}

/// Sum of the eight lanes, pairwise.
@inline(__always) func hsum(_ v: __m256) -> Float {
    let a = v.lowHalf + v.highHalf
    let b = a.lowHalf + a.highHalf
    return b[0] + b[1]
}

/// Sum of the eight int32 lanes.
@inline(__always) func hsum(_ v: __m256i) -> Int32 {
    let w = unsafeBitCast(v, to: SIMD8<Int32>.self)
    let a = w.lowHalf &+ w.highHalf
    let b = a.lowHalf &+ a.highHalf
    return b[0] &+ b[1]
}

/// Largest lane.
@inline(__always) func hmax(_ v: __m256) -> Float {
    let a = v.lowHalf.replacing(with: v.highHalf, where: v.highHalf .> v.lowHalf)
    let b = a.lowHalf.replacing(with: a.highHalf, where: a.highHalf .> a.lowHalf)
    return max(b[0], b[1])
}
