import Foundation
import _Builtin_intrinsics.intel

extension Attention {
    /// Keys (or values) widened to f32 at a time in decode: few enough to
    /// stay in the L1 cache while every query head of the group reads them.
    static let decodeTile = 64

    /// Partial attention of one token's group queries over this thread's
    /// share (`part` of `parts`) of every segment of `spans`: leaves
    /// un-normalized output in `s.accumulator` (`[group][headDim]`) and per-head
    /// max and sum in `s.rowMax` / `s.rowSum`, to be merged.
    ///
    /// Each f16 key and value row is read from the cache once for the whole
    /// group: a tile of rows is widened to f32, then every query head of the
    /// group takes its products from the widened copy.
    func decodePartial(kvHead g: Int, spans: KeySpans, part: Int, of parts: Int, q: UnsafePointer<Float>,
                       s: AttentionScratch) {
        s.accumulator.update(repeating: 0, count: group * headDim)
        var count = 0
        spans.forEach { seg, _ in count += Self.share(seg, part, parts).count }
        guard count > 0 else {
            for j in 0..<group { s.rowMax[j] = -.infinity; s.rowSum[j] = 0 }
            return
        }
        s.reserveScores(group * count)
        let queries = q + g * group * headDim
        forEachTile(spans, part: part, of: parts) { seg, rows, column in
            VectorMath.widen(seg.keys + rows.lowerBound * headDim, s.keys, rows.count * headDim)
            score(s.keys, rows: rows.count, queries: queries, into: s.scores + column, stride: count)
        }
        for j in 0..<group {
            let row = s.scores + j * count
            let m = VectorMath.max(row, count)
            s.rowMax[j] = m
            s.rowSum[j] = VectorMath.expShifted(row, count, shift: m)
        }
        forEachTile(spans, part: part, of: parts) { seg, rows, column in
            VectorMath.widen(seg.values + rows.lowerBound * headDim, s.values, rows.count * headDim)
            accumulate(s.values, rows: rows.count, weights: s.scores + column, stride: count, into: s.accumulator)
        }
    }

    /// Calls `body` with each tile of this thread's rows: the segment, the
    /// tile's rows in it, and the tile's first column in the score rows.
    @inline(__always)
    private func forEachTile(_ spans: KeySpans, part: Int, of parts: Int,
                             _ body: (KeySegment, Range<Int>, Int) -> Void) {
        var column = 0
        spans.forEach { seg, _ in
            let share = Self.share(seg, part, parts)
            var start = share.lowerBound
            while start < share.upperBound {
                let end = min(start + Self.decodeTile, share.upperBound)
                body(seg, start..<end, column + start - share.lowerBound)
                start = end
            }
            column += share.count
        }
    }

    /// `scores[j * stride + r] = scale · keys[r] · query j` for the group's
    /// query heads, four key rows at a time (one query load for four rows,
    /// one horizontal reduction for four sums).
    @inline(__always)
    private func score(_ keys: UnsafePointer<Float>, rows: Int, queries: UnsafePointer<Float>,
                       into scores: UnsafeMutablePointer<Float>, stride: Int) {
        let d = headDim
        for j in 0..<group {
            let query = queries + j * d, out = scores + j * stride
            var r = 0
            while r + 4 <= rows {
                let k = keys + r * d
                var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
                var i = 0
                while i < d {
                    let q = DotKernels.load8(query + i)
                    a0.addProduct(DotKernels.load8(k + i), q)
                    a1.addProduct(DotKernels.load8(k + d + i), q)
                    a2.addProduct(DotKernels.load8(k + 2 * d + i), q)
                    a3.addProduct(DotKernels.load8(k + 3 * d + i), q)
                    i += 8
                }
                UnsafeMutableRawPointer(out + r).storeBytes(of: Self.sums(a0, a1, a2, a3) * scale, as: SIMD4<Float>.self)
                r += 4
            }
            while r < rows { out[r] = Self.dot(keys + r * d, query, d) * scale; r += 1 }
        }
    }

    /// `out[j] += Σ_r weights[j * stride + r] · values[r]` for the group's
    /// query heads: 32 output floats at a time kept in registers over all
    /// rows, two rows in flight.
    @inline(__always)
    private func accumulate(_ values: UnsafePointer<Float>, rows: Int, weights: UnsafePointer<Float>, stride: Int,
                            into out: UnsafeMutablePointer<Float>) {
        let d = headDim
        for j in 0..<group {
            let w = weights + j * stride, o = out + j * d
            var c = 0
            while c + 32 <= d {
                var a = Accumulator32(o + c), b = Accumulator32()
                var r = 0
                while r + 2 <= rows {
                    a.add(w[r], values + r * d + c)
                    b.add(w[r + 1], values + (r + 1) * d + c)
                    r += 2
                }
                if r < rows { a.add(w[r], values + r * d + c) }
                a.store(adding: b, to: o + c)
                c += 32
            }
            while c < d {
                var acc = DotKernels.load8(o + c)
                for r in 0..<rows { acc.addProduct(SIMD8(repeating: w[r]), DotKernels.load8(values + r * d + c)) }
                UnsafeMutableRawPointer(o + c).storeBytes(of: acc, as: SIMD8<Float>.self)
                c += 8
            }
        }
    }

    /// The four lane sums of `a`, `b`, `c`, `d`.
    @inline(__always) static func sums(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>,
                                       _ d: SIMD8<Float>) -> SIMD4<Float> {
        // [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, …] twice, then once more: [a b c d | a b c d] halves.
        let all = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d))
        return all.lowHalf + all.highHalf
    }

    /// Dot product of two rows of `n` floats, `n` a multiple of 8.
    @inline(__always) static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i < n {
            acc.addProduct(DotKernels.load8(a + i), DotKernels.load8(b + i))
            i += 8
        }
        return DotKernels.sum(acc)
    }
}

/// 32 floats of an output row held in four vector registers.
private struct Accumulator32 {
    var v0 = SIMD8<Float>(), v1 = SIMD8<Float>(), v2 = SIMD8<Float>(), v3 = SIMD8<Float>()

    init() {}

    @inline(__always) init(_ p: UnsafePointer<Float>) {
        v0 = DotKernels.load8(p); v1 = DotKernels.load8(p + 8); v2 = DotKernels.load8(p + 16); v3 = DotKernels.load8(p + 24)
    }

    /// `self += weight · row[0..<32]`.
    @inline(__always) mutating func add(_ weight: Float, _ row: UnsafePointer<Float>) {
        let w = SIMD8<Float>(repeating: weight)
        v0.addProduct(w, DotKernels.load8(row))
        v1.addProduct(w, DotKernels.load8(row + 8))
        v2.addProduct(w, DotKernels.load8(row + 16))
        v3.addProduct(w, DotKernels.load8(row + 24))
    }

    @inline(__always) func store(adding other: Accumulator32, to p: UnsafeMutablePointer<Float>) {
        let out = UnsafeMutableRawPointer(p)
        out.storeBytes(of: v0 + other.v0, as: SIMD8<Float>.self)
        out.storeBytes(of: v1 + other.v1, toByteOffset: 32, as: SIMD8<Float>.self)
        out.storeBytes(of: v2 + other.v2, toByteOffset: 64, as: SIMD8<Float>.self)
        out.storeBytes(of: v3 + other.v3, toByteOffset: 96, as: SIMD8<Float>.self)
    }
}
