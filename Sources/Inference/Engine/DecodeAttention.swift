import Foundation

/// Attention of one new token: every KV head's keys split across the
/// threads, partial softmax results merged exactly.
struct DecodeAttention {
    let attention: Attention

    /// `spans[g]` are the keys KV head `g` attends to.
    func run(spans: [KeySpans], _ b: ForwardBuffers, _ pool: WorkerPool) {
        let threads = pool.threadCount, group = attention.group, d = attention.headDim
        for (g, span) in spans.enumerated() {
            pool.run { thread in
                attention.decodePartial(kvHead: g, spans: span, part: thread, of: threads, q: b.query,
                                        s: b.attentionScratch[thread])
            }
            for j in 0..<group {
                merge(head: g * group + j, slot: j, b, threads: threads, d: d)
            }
        }
    }

    /// Combines the threads' partial (max, sum, accumulator) into the output.
    private func merge(head: Int, slot j: Int, _ b: ForwardBuffers, threads: Int, d: Int) {
        let parts = b.attentionScratch
        var globalMax = -Float.infinity
        for t in 0..<threads { globalMax = max(globalMax, parts[t].rowMax[j]) }
        let out = b.attention + head * d
        out.update(repeating: 0, count: d)
        var total: Float = 0
        for t in 0..<threads where parts[t].rowSum[j] > 0 {
            let w = exp(parts[t].rowMax[j] - globalMax)
            total += parts[t].rowSum[j] * w
            let acc = parts[t].accumulator + j * d
            for i in 0..<d { out[i] += acc[i] * w }
        }
        VectorMath.scale(out, d, by: 1 / total)
    }
}
