/// The one call a layer makes into the cache: append the chunk's keys and
/// values, get back what the chunk's queries attend to.
extension HybridKVCache {
    /// Appends a chunk of `n` tokens' keys (already rotated) and values of
    /// `layer`, f32 `[n][kvHeads × headDim]`, and returns per KV head the
    /// keys the chunk's queries see: a retrieval head's whole cache (causal),
    /// a sliding-window layer's window, or a streaming head's sink and ring
    /// followed by the chunk. A streaming head's chunk rows enter its sink
    /// and ring only after this layer's attention (at the next layer's update,
    /// or at `advance`), since the chunk's queries still need the rows they
    /// would evict.
    func update(layer: Int, keys: UnsafePointer<Float>, values: UnsafePointer<Float>, count n: Int) -> [KeySpans] {
        commitPending()
        if let window = windows[layer] { slide(layer: layer, window: window, extra: n) }
        staging.reserve(rows: n)
        let d = headDim, width = kvHeadCount * headDim
        var streams = false
        for h in 0..<kvHeadCount {
            let (kDst, vDst): (UnsafeMutablePointer<Float16>, UnsafeMutablePointer<Float16>)
            if kind(layer: layer, head: h) == .streaming {
                (kDst, vDst) = staging.rows(head: h)
                streams = true
            } else {
                let row = (count - origins[layer]) * d
                (kDst, vDst) = (self.keys(layer: layer, head: h) + row, self.values(layer: layer, head: h) + row)
            }
            for i in 0..<n {
                VectorMath.narrow(keys + i * width + h * d, kDst + i * d, d)
                VectorMath.narrow(values + i * width + h * d, vDst + i * d, d)
            }
        }
        if streams { pending = (layer, n) }
        return (0..<kvHeadCount).map { spans(layer: layer, head: $0, chunk: n) }
    }

    /// Moves the staged chunk rows of the pending layer's streaming heads into their sink and ring.
    func commitPending() {
        guard let (layer, n) = pending else { return }
        for h in 0..<kvHeadCount where kind(layer: layer, head: h) == .streaming {
            let (k, v) = staging.rows(head: h)
            commitStreaming(layer: layer, head: h, keys: k, values: v, count: n)
        }
        pending = nil
    }

    /// The keys one head attends to for a chunk of `n` tokens just written by `update`.
    private func spans(layer: Int, head: Int, chunk n: Int) -> KeySpans {
        let s = store(layer, head)
        guard kind(layer: layer, head: head) == .streaming else {
            guard let window = windows[layer] else {
                return KeySpans(first: .causal(s.keys, s.values, count: count + n, base: count), second: nil)
            }
            // Rows before the chunk's first query's window are seen by no query.
            let first = max(origins[layer], count + 1 - window), skip = (first - origins[layer]) * headDim
            return KeySpans(first: .causal(s.keys + skip, s.values + skip, count: count + n - first,
                                           base: count - first, window: window), second: nil)
        }
        let (k, v) = staging.rows(head: head)
        return KeySpans(first: .all(s.keys, s.values, count: streamingRows()),
                        second: .causal(k, v, count: n, base: 0))
    }
}

/// f16 rows `[rows][headDim]` per KV head, for one chunk of streaming heads;
/// grows to the largest chunk seen and is reused by every layer.
final class StagingRows: @unchecked Sendable {
    let kvHeads: Int
    let headDim: Int
    private(set) var capacity = 0
    private var keys: UnsafeMutablePointer<Float16>
    private var values: UnsafeMutablePointer<Float16>

    init(kvHeads: Int, headDim: Int) {
        self.kvHeads = kvHeads
        self.headDim = headDim
        keys = .allocate(capacity: 1)
        values = .allocate(capacity: 1)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    func reserve(rows: Int) {
        guard rows > capacity else { return }
        keys.deallocate()
        values.deallocate()
        keys = .allocate(capacity: kvHeads * rows * headDim)
        values = .allocate(capacity: kvHeads * rows * headDim)
        capacity = rows
    }

    func rows(head h: Int) -> (UnsafeMutablePointer<Float16>, UnsafeMutablePointer<Float16>) {
        (keys + h * capacity * headDim, values + h * capacity * headDim)
    }
}
