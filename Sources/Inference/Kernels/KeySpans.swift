/// A run of f16 K/V rows of one KV head that an attention call reads.
struct KeySegment {
    let keys: UnsafePointer<Float16>
    let values: UnsafePointer<Float16>
    let count: Int
    /// Query row `r` of the chunk sees rows `0 ..< min(count, visibleBase + r + 1)`:
    /// `count` makes every row visible, the chunk's start position makes it causal.
    let visibleBase: Int
    /// Rows a query sees back from its own (sliding-window attention):
    /// query row `r` sees rows from `visibleBase + r + 1 - window` on; `Int.max` for no window.
    var window = Int.max

    /// Rows `0..<count` seen by every query.
    static func all(_ keys: UnsafePointer<Float16>, _ values: UnsafePointer<Float16>, count: Int) -> KeySegment {
        KeySegment(keys: keys, values: values, count: count, visibleBase: count)
    }

    /// Rows where query row `r` sees rows up to `base + r` (inclusive), and
    /// only the last `window` of them.
    static func causal(_ keys: UnsafePointer<Float16>, _ values: UnsafePointer<Float16>, count: Int, base: Int,
                       window: Int = .max) -> KeySegment {
        KeySegment(keys: keys, values: values, count: count, visibleBase: base, window: window)
    }

    /// Rows of this segment query row `r` may see: `visibleStart(row:) ..< visibleEnd(row:)`.
    @inline(__always) func visibleEnd(row r: Int) -> Int { Swift.min(count, visibleBase + r + 1) }
    @inline(__always) func visibleStart(row r: Int) -> Int {
        window == .max ? 0 : Swift.max(0, visibleBase + r + 1 - window)
    }
}

/// The keys one KV head attends to for a chunk: one causal segment for a
/// retrieval head (the whole cache), or, for a streaming head, its sink and
/// ring (all visible) followed by the chunk itself (causal).
struct KeySpans {
    let first: KeySegment
    let second: KeySegment?

    var count: Int { first.count + (second?.count ?? 0) }

    /// Calls `body` with each segment and the index of its first row in the span.
    @inline(__always) func forEach(_ body: (KeySegment, Int) -> Void) {
        body(first, 0)
        if let second, second.count > 0 { body(second, first.count) }
    }
}
