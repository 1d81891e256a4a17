import Foundation
import Testing
@testable import Inference

/// A deliberately plain forward pass (loops, full softmax, no cache tricks)
/// to check the optimized engine against. Keys and values are rounded to
/// f16 like the engine's cache, so the two differ only by summation order.
struct ReferenceForward {
    let tiny: TinyModel
    let config: ModelConfig
    let frequencies: [Float]

    /// Logits at every position of `tokens`. With a DuoAttention `layout`,
    /// streaming heads see only what `HeadLayout.streamingSees` allows, for
    /// the chunk start `chunkStart(position)` of each query.
    /// `onAttention(layer, head, query, probabilities)` sees every query head's softmax.
    func logits(_ tokens: [Int], layout: HeadLayout? = nil, chunkStart: (Int) -> Int = { _ in 0 },
                onAttention: ((Int, Int, Int, [Double]) -> Void)? = nil) -> [[Float]] {
        let c = config, d = c.embeddingLength
        let w = tiny.weights
        var x = tokens.map { Array(w["token_embd.weight"]![($0 * d)..<(($0 + 1) * d)]) }
        for l in 0..<c.layerCount {
            let p = "blk.\(l)."
            let xn = x.map { rmsNorm($0, w[p + "attn_norm.weight"]!) }
            var q = xn.map { matvec(w[p + "attn_q.weight"]!, $0, rows: c.qDim) }
            var k = xn.map { matvec(w[p + "attn_k.weight"]!, $0, rows: c.kvDim) }
            var v = xn.map { matvec(w[p + "attn_v.weight"]!, $0, rows: c.kvDim) }
            if let bq = w[p + "attn_q.bias"] {
                q = q.map { zip($0, bq).map(+) }
                k = k.map { zip($0, w[p + "attn_k.bias"]!).map(+) }
                v = v.map { zip($0, w[p + "attn_v.bias"]!).map(+) }
            }
            for t in tokens.indices {
                q[t] = rope(q[t], heads: c.headCount, position: t)
                k[t] = rope(k[t], heads: c.kvHeadCount, position: t).map { Float(Float16($0)) }
                v[t] = v[t].map { Float(Float16($0)) }
            }
            let attn = tokens.indices.map { t in
                attention(q[t], k[0...t], v[0...t], sees: { head, key in
                    guard let layout, layout.kinds[l][head] == .streaming else { return true }
                    return layout.streamingSees(key: key, query: t, chunkStart: chunkStart(t))
                }, onProbabilities: { head, p in onAttention?(l, head, t, p) })
            }
            for t in tokens.indices {
                x[t] = zip(x[t], matvec(w[p + "attn_output.weight"]!, attn[t], rows: d)).map(+)
                let h = rmsNorm(x[t], w[p + "ffn_norm.weight"]!)
                let g = matvec(w[p + "ffn_gate.weight"]!, h, rows: c.feedForwardLength)
                let u = matvec(w[p + "ffn_up.weight"]!, h, rows: c.feedForwardLength)
                let act = zip(g, u).map { $0 / (1 + exp(-$0)) * $1 }
                x[t] = zip(x[t], matvec(w[p + "ffn_down.weight"]!, act, rows: d)).map(+)
            }
        }
        return x.map { matvec(w["token_embd.weight"]!, rmsNorm($0, w["output_norm.weight"]!), rows: c.vocabSize) }
    }

    func rmsNorm(_ x: [Float], _ weight: [Float]) -> [Float] {
        let ms = x.reduce(0) { $0 + Double($1) * Double($1) } / Double(x.count)
        let s = Float(1 / (ms + Double(config.rmsEpsilon)).squareRoot())
        return zip(x, weight).map { $0 * s * $1 }
    }

    func matvec(_ m: [Float], _ x: [Float], rows: Int) -> [Float] {
        let n = x.count
        return (0..<rows).map { r in
            var s = 0.0
            for i in 0..<n { s += Double(m[r * n + i]) * Double(x[i]) }
            return Float(s)
        }
    }

    func rope(_ x: [Float], heads: Int, position: Int) -> [Float] {
        var y = x
        let hd = config.headDim, pairs = frequencies.count, neox = config.architecture.ropeIsNeox
        for h in 0..<heads {
            for i in 0..<pairs {
                let theta = Float(position) * frequencies[i]
                let (a, b) = neox ? (h * hd + i, h * hd + i + pairs) : (h * hd + 2 * i, h * hd + 2 * i + 1)
                y[a] = x[a] * cos(theta) - x[b] * sin(theta)
                y[b] = x[a] * sin(theta) + x[b] * cos(theta)
            }
        }
        return y
    }

    func attention(_ q: [Float], _ ks: ArraySlice<[Float]>, _ vs: ArraySlice<[Float]>,
                   sees: (_ kvHead: Int, _ key: Int) -> Bool,
                   onProbabilities: (_ head: Int, _ p: [Double]) -> Void = { _, _ in }) -> [Float] {
        let c = config, hd = c.headDim
        var out = [Float](repeating: 0, count: c.qDim)
        for h in 0..<c.headCount {
            let g = h / c.groupSize
            let scores = ks.enumerated().map { j, k in
                sees(g, j) ? (0..<hd).reduce(0.0) { $0 + Double(q[h * hd + $1]) * Double(k[g * hd + $1]) } / Double(hd).squareRoot()
                    : -Double.infinity
            }
            let m = scores.max()!
            let e = scores.map { exp($0 - m) }
            let s = e.reduce(0, +)
            onProbabilities(h, e.map { $0 / s })
            for (j, v) in vs.enumerated() {
                for i in 0..<hd { out[h * hd + i] += Float(e[j] / s) * v[g * hd + i] }
            }
        }
        return out
    }
}

/// Expects `a` within 1e-4 of `b`, relative to the largest |b| (at least 1).
func expectClose(_ a: [Float], _ b: [Float], _ what: String) throws {
    try #require(a.count == b.count, "\(what): \(a.count) vs \(b.count) logits")
    let scale = max(1, b.map(abs).max()!)
    let err = zip(a, b).map { abs($0 - $1) }.max()! / scale
    #expect(err <= 1e-4, "\(what): relative error \(err)")
}
