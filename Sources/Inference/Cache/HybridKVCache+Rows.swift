/// Raw access to the rows a cache holds, for persisting and restoring it
/// (snapshots). Rows are f16 `[row][headDim]`, keys already rotated.
extension HybridKVCache {
    /// Rows head (`layer`, `head`) holds for later tokens: every token for a
    /// retrieval head; sink then ring for a streaming head; the last
    /// `window - 1` tokens for a sliding-window layer's head.
    public func heldRows(layer: Int, head: Int) -> Int {
        kind(layer: layer, head: head) == .streaming ? streamingRows() : windowRows(layer: layer) ?? count
    }

    /// Bytes of keys and values the next decoded token's attention reads:
    /// every row of a retrieval head, a streaming head's sink and recent
    /// rows, a sliding-window layer's window.
    public func attendedBytes() -> Int {
        var rows = 0
        for layer in 0..<layerCount {
            for head in 0..<kvHeadCount {
                let held = heldRows(layer: layer, head: head)
                rows += windows[layer].map { min(held, $0) } ?? held
            }
        }
        return 2 * rows * headDim * MemoryLayout<Float16>.size
    }

    /// Absolute position of each held row, in row order. A streaming head's
    /// ring slot `i` holds the position `p ≥ sink` with `(p − sink) % recent == i`
    /// among the last `recent` positions.
    public func positions(layer: Int, head: Int) -> [Int] {
        let rows = heldRows(layer: layer, head: head)
        guard kind(layer: layer, head: head) == .streaming else { return Array((count - rows)..<count) }
        let sink = layout.sink, recent = layout.recent, sinkRows = min(count, sink)
        let ringRows = rows - sinkRows
        var result = Array(0..<sinkRows)
        // The ring holds positions count - ringRows ..< count.
        var bySlot = [Int](repeating: 0, count: ringRows)
        for p in (count - ringRows)..<count { bySlot[(p - sink) % recent] = p }
        result += bySlot
        return result
    }

    /// Calls `body` with the held keys and values of one head.
    public func withRows<R>(layer: Int, head: Int,
                            _ body: (UnsafeBufferPointer<Float16>, UnsafeBufferPointer<Float16>) throws -> R) rethrows -> R {
        let (keys, values, n) = held(layer: layer, head: head)
        return try body(UnsafeBufferPointer(start: keys, count: n), UnsafeBufferPointer(start: values, count: n))
    }

    /// The first held key and value of a head, and the number of f16 values held.
    fileprivate func held(layer: Int, head: Int) -> (UnsafeMutablePointer<Float16>, UnsafeMutablePointer<Float16>, Int) {
        let s = store(layer, head), rows = heldRows(layer: layer, head: head)
        let skip = kind(layer: layer, head: head) == .streaming ? 0 : (count - origins[layer] - rows) * headDim
        return (s.keys + skip, s.values + skip, rows * headDim)
    }

    /// A cache in the state of one that has seen `count` tokens under
    /// `layout`, its rows filled by `fill(layer, head, keys, values)` (each
    /// buffer sized to the rows that head holds, as `heldRows` would report).
    ///
    /// - Parameter headroom: rows reserved beyond `count` (capped by the
    ///   context) so the tokens appended next, such as a question and its
    ///   answer, do not make the retrieval heads reallocate and copy.
    public static func restore(
        config: ModelConfig, layout: HeadLayout, count: Int, maxTokens: Int? = nil, headroom: Int = 0,
        fill: (_ layer: Int, _ head: Int, UnsafeMutableBufferPointer<Float16>, UnsafeMutableBufferPointer<Float16>) throws -> Void
    ) throws -> HybridKVCache {
        let cache = HybridKVCache(config: config, layout: layout, maxTokens: maxTokens)
        cache.place(at: count)
        try cache.reserve(max(0, min(headroom, cache.maxTokens - count)))
        for l in 0..<cache.layerCount {
            for h in 0..<cache.kvHeadCount {
                let (keys, values, n) = cache.held(layer: l, head: h)
                try fill(l, h, UnsafeMutableBufferPointer(start: keys, count: n), UnsafeMutableBufferPointer(start: values, count: n))
            }
        }
        return cache
    }
}
