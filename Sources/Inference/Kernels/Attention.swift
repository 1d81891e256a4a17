import CBLAS
import Foundation

/// Causal grouped-query attention over the KV cache.
///
/// Prefill works on tiles (flash-attention style online softmax): a block of
/// queries of one KV group against 256 keys at a time, both products through
/// `cblas_sgemm`, so no chunk × context matrix is ever formed. Decoding uses
/// SIMD dot products, the query heads of a group sharing each key row read.
struct Attention {
    let group: Int
    let headDim: Int
    let qDim: Int
    let scale: Float

    init(config: ModelConfig) {
        self.init(group: config.groupSize, headDim: config.headDim, qDim: config.qDim, scale: config.attentionScale)
    }

    init(group: Int, headDim: Int, qDim: Int, scale: Float) {
        self.group = group
        self.headDim = headDim
        self.qDim = qDim
        self.scale = scale
    }

    /// One query block of one KV head: queries for tokens `rows` of the chunk
    /// against the head's key `spans` (each row sees what its segments allow).
    /// Writes `[token][qDim]` output for the group's query heads.
    func prefillBlock(kvHead g: Int, rows: Range<Int>, spans: KeySpans, q: UnsafePointer<Float>,
                      out: UnsafeMutablePointer<Float>, s: AttentionScratch) {
        let n = rows.count, m = group * n
        gatherQueries(g, rows, q, s)
        for i in 0..<m { s.rowMax[i] = -.infinity; s.rowSum[i] = 0 }
        s.accumulator.update(repeating: 0, count: m * headDim)
        spans.forEach { segment, _ in attendSegment(segment, rows: rows, s) }
        scatterOutput(g, rows, out, s)
    }

    /// Folds one key segment into the block's running softmax, 256 keys at a
    /// time; tiles no row of the block can see are skipped.
    private func attendSegment(_ seg: KeySegment, rows: Range<Int>, _ s: AttentionScratch) {
        let n = rows.count, m = group * n, d = headDim
        let keyEnd = seg.visibleEnd(row: rows.upperBound - 1)
        var k0 = seg.visibleStart(row: rows.lowerBound)
        while k0 < keyEnd {
            let tile = min(AttentionScratch.keyTile, keyEnd - k0)
            VectorMath.widen(seg.keys + k0 * d, s.keys, tile * d)
            VectorMath.widen(seg.values + k0 * d, s.values, tile * d)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(tile), Int32(d), scale,
                        s.queries, Int32(d), s.keys, Int32(d), 0, s.scores, Int32(tile))
            for i in 0..<m {
                let row = rows.lowerBound + i % n
                let from = max(0, seg.visibleStart(row: row) - k0), to = min(tile, seg.visibleEnd(row: row) - k0)
                softmaxUpdate(row: i, visible: from..<max(from, to), tile: tile, s)
            }
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(d), Int32(tile), 1,
                        s.scores, Int32(tile), s.values, Int32(d), 1, s.accumulator, Int32(d))
            k0 += tile
        }
    }

    /// Online-softmax step for one score row: masks keys outside `visible`,
    /// rescales the running accumulator, leaves probabilities in the row.
    @inline(__always)
    private func softmaxUpdate(row i: Int, visible: Range<Int>, tile: Int, _ s: AttentionScratch) {
        let scores = s.scores + i * tile
        if visible.isEmpty { scores.update(repeating: 0, count: tile); return }
        if visible.lowerBound > 0 { scores.update(repeating: 0, count: visible.lowerBound) }
        if visible.upperBound < tile { (scores + visible.upperBound).update(repeating: 0, count: tile - visible.upperBound) }
        let previous = s.rowMax[i]
        let newMax = Swift.max(previous, VectorMath.max(scores + visible.lowerBound, visible.count))
        let sum = VectorMath.expShifted(scores + visible.lowerBound, visible.count, shift: newMax)
        let correction = previous == -.infinity ? 0 : Foundation.exp(previous - newMax)
        if correction != 1 { VectorMath.scale(s.accumulator + i * headDim, headDim, by: correction) }
        s.rowSum[i] = s.rowSum[i] * correction + sum
        s.rowMax[i] = newMax
    }

    private func gatherQueries(_ g: Int, _ rows: Range<Int>, _ q: UnsafePointer<Float>, _ s: AttentionScratch) {
        let n = rows.count
        for j in 0..<group {
            let head = g * group + j
            for (r, t) in rows.enumerated() {
                (s.queries + (j * n + r) * headDim).update(from: q + t * qDim + head * headDim, count: headDim)
            }
        }
    }

    private func scatterOutput(_ g: Int, _ rows: Range<Int>, _ out: UnsafeMutablePointer<Float>, _ s: AttentionScratch) {
        let n = rows.count
        for j in 0..<group {
            let head = g * group + j
            for (r, t) in rows.enumerated() {
                let i = j * n + r
                let dst = out + t * qDim + head * headDim
                dst.update(from: s.accumulator + i * headDim, count: headDim)
                VectorMath.scale(dst, headDim, by: 1 / s.rowSum[i])
            }
        }
    }

    /// The contiguous slice of a segment's rows that thread `part` of `parts` takes.
    @inline(__always) static func share(_ seg: KeySegment, _ part: Int, _ parts: Int) -> Range<Int> {
        (seg.count * part / parts)..<(seg.count * (part + 1) / parts)
    }
}
