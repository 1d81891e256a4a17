import Synchronization

/// Attention of a chunk of new tokens: query blocks × KV heads, claimed by
/// the threads from a shared counter (costliest first: retrieval heads,
/// late blocks), so that cheap streaming heads do not leave a thread idle.
struct PrefillAttention {
    let attention: Attention

    /// `spans[g]` are the keys KV head `g` attends to; writes `[t][qDim]` into `b.attention`.
    func run(spans: [KeySpans], count t: Int, _ b: ForwardBuffers, _ pool: WorkerPool) {
        let block = AttentionScratch.queryBlock
        let blocks = (t + block - 1) / block
        var jobs: [(head: Int, rows: Range<Int>, cost: Int)] = []
        for g in spans.indices {
            for blk in 0..<blocks {
                let rows = (blk * block)..<min(t, (blk + 1) * block)
                let cost = spans[g].first.visibleEnd(row: rows.upperBound - 1) + (spans[g].second?.count ?? 0)
                jobs.append((g, rows, cost * rows.count))
            }
        }
        jobs.sort { $0.cost > $1.cost }
        let next = Atomic<Int>(0)
        pool.run { thread in
            while true {
                let j = next.add(1, ordering: .relaxed).oldValue
                guard j < jobs.count else { break }
                attention.prefillBlock(kvHead: jobs[j].head, rows: jobs[j].rows, spans: spans[jobs[j].head],
                                       q: b.query, out: b.attention, s: b.attentionScratch[thread])
            }
        }
    }
}
