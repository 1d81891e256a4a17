import Foundation
import GGUFWriting
import Testing
@testable import Inference

/// Decode attention (key rows split across threads, partial softmaxes
/// merged) must equal a plain softmax attention over the same f16 rows, for
/// head widths that are and are not multiples of the kernels' 32-float
/// blocks, row counts that are not multiples of their 4-row steps, and
/// keys split over two segments.
@Suite("Decode attention kernel")
struct DecodeAttentionKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var headDim: Int, group: Int, rows: Int, parts: Int, split: Bool
        var testDescription: String { "d\(headDim) g\(group) rows\(rows) parts\(parts)\(split ? " split" : "")" }
    }

    static let cases: [Case] = [
        Case(headDim: 16, group: 1, rows: 1, parts: 1, split: false),
        Case(headDim: 48, group: 3, rows: 67, parts: 2, split: false),
        Case(headDim: 64, group: 3, rows: 130, parts: 3, split: true),
        Case(headDim: 128, group: 7, rows: 301, parts: 2, split: true),
        Case(headDim: 256, group: 2, rows: 5, parts: 4, split: false),
    ]

    @Test(arguments: cases)
    func partialsMergeToTheSoftmaxAttention(_ c: Case) {
        var rng = SplitMix64(seed: UInt64(c.headDim * 1000 + c.rows))
        let d = c.headDim, n = c.rows
        let keys = (0..<(n * d)).map { _ in Float16(Float(rng.nextUnit() * 4 - 2)) }
        let values = (0..<(n * d)).map { _ in Float16(Float(rng.nextUnit() * 2 - 1)) }
        let q = (0..<(c.group * d)).map { _ in Float(rng.nextUnit() * 2 - 1) }
        let attention = Attention(group: c.group, headDim: d, qDim: c.group * d, scale: 0.3)
        let got = merged(attention, keys, values, q, c)
        for j in 0..<c.group {
            let want = reference(keys, values, Array(q[(j * d)..<((j + 1) * d)]), rows: n, d: d, scale: 0.3)
            for i in 0..<d { #expect(abs(got[j * d + i] - want[i]) <= 1e-5 + 1e-4 * abs(want[i]), "head \(j) lane \(i)") }
        }
    }

    /// Softmax-weighted values of one query over all rows, in Double.
    private func reference(_ keys: [Float16], _ values: [Float16], _ q: [Float], rows: Int, d: Int, scale: Float) -> [Float] {
        let scores = (0..<rows).map { r in Double(scale) * (0..<d).reduce(0.0) { $0 + Double(keys[r * d + $1]) * Double(q[$1]) } }
        let top = scores.max()!
        let weights = scores.map { Foundation.exp($0 - top) }, total = weights.reduce(0, +)
        return (0..<d).map { i in Float((0..<rows).reduce(0.0) { $0 + weights[$1] * Double(values[$1 * d + i]) } / total) }
    }

    /// Runs every part of the decode kernel and merges them as decoding does.
    private func merged(_ attention: Attention, _ keys: [Float16], _ values: [Float16], _ q: [Float], _ c: Case) -> [Float] {
        let d = c.headDim, cut = c.split ? c.rows / 3 : c.rows
        var out = [Float](repeating: 0, count: c.group * d)
        keys.withUnsafeBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                let first = KeySegment.all(k.baseAddress!, v.baseAddress!, count: cut)
                let second = c.split ? KeySegment.all(k.baseAddress! + cut * d, v.baseAddress! + cut * d, count: c.rows - cut) : nil
                let spans = KeySpans(first: first, second: second)
                let scratch = (0..<c.parts).map { _ in AttentionScratch(group: c.group, headDim: d) }
                for part in 0..<c.parts {
                    q.withUnsafeBufferPointer { attention.decodePartial(kvHead: 0, spans: spans, part: part, of: c.parts, q: $0.baseAddress!, s: scratch[part]) }
                }
                for j in 0..<c.group {
                    let top = scratch.map { $0.rowMax[j] }.max()!
                    var total: Float = 0
                    for s in scratch where s.rowSum[j] > 0 {
                        let w = Foundation.exp(s.rowMax[j] - top)
                        total += s.rowSum[j] * w
                        for i in 0..<d { out[j * d + i] += s.accumulator[j * d + i] * w }
                    }
                    for i in 0..<d { out[j * d + i] /= total }
                }
            }
        }
        return out
    }
}
