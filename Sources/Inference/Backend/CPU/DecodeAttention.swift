import Foundation

/// Attention of one new token: every KV head's keys split across the
/// threads, partial softmax results merged exactly.
struct DecodeAttention {
    let attention: Attention

    /// `spans[g]` are the keys KV head `g` attends to; `observer`, when set,
    /// receives the retrieval heads' attention of this layer.
    func run(spans: [KeySpans], _ b: ForwardBuffers, _ pool: WorkerPool, layer: Int = 0,
             observer: AttentionObserver? = nil) {
        let threads = pool.threadCount, group = attention.group, d = attention.headDim
        let observing = observer?.observes(layer: layer) ?? false
        for (g, span) in spans.enumerated() {
            pool.run { thread in
                attention.decodePartial(kvHead: g, spans: span, part: thread, of: threads, q: b.query,
                                        s: b.attentionScratch[thread])
            }
            for j in 0..<group {
                let (globalMax, total) = merge(head: g * group + j, slot: j, b, threads: threads, d: d)
                // A retrieval head of a full-attention layer: one segment, rows = positions.
                if observing, let observer, span.second == nil, span.first.window == .max {
                    record(span.first, slot: j, globalMax: globalMax, total: total, b, threads: threads, into: observer)
                }
            }
        }
    }

    /// Combines the threads' partial (max, sum, accumulator) into the output;
    /// returns the softmax's maximum and normalizer.
    private func merge(head: Int, slot j: Int, _ b: ForwardBuffers, threads: Int, d: Int) -> (Float, Float) {
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
        return (globalMax, total)
    }

    /// Hands query head `slot`'s normalized probabilities over `segment`
    /// (still in the threads' score rows) to the observer.
    private func record(_ segment: KeySegment, slot j: Int, globalMax: Float, total: Float, _ b: ForwardBuffers,
                        threads: Int, into observer: AttentionObserver) {
        guard total > 0 else { return }
        for t in 0..<threads {
            let share = Attention.share(segment, t, threads)
            guard !share.isEmpty, b.attentionScratch[t].rowSum[j] > 0 else { continue }
            let weight = exp(b.attentionScratch[t].rowMax[j] - globalMax) / total
            observer.add(probabilities: b.attentionScratch[t].scores + j * share.count, weight: weight,
                         first: share.lowerBound, count: share.count)
        }
        observer.countHead()
    }
}
