/// Keys and values of every token a session has seen, per layer and KV head.
///
/// Stored as f16: half the memory of f32 with no measurable loss (llama.cpp's
/// default too), and a snapshot of it is exact. Keys are stored already
/// rotated at their absolute positions. Layout per layer:
/// `[kvHead][token][headDim]`, so one head's keys are contiguous.
/// Owned by the caller; the model never mutates it.
public final class KVCache: @unchecked Sendable {
    public let layerCount: Int
    public let kvHeadCount: Int
    public let headDim: Int
    /// Upper bound on tokens (the model's context length).
    public let maxTokens: Int
    /// Tokens stored so far (the position the next token gets).
    public private(set) var count = 0
    private(set) var capacity = 0
    private var keys: [UnsafeMutablePointer<Float16>] = []
    private var values: [UnsafeMutablePointer<Float16>] = []

    public init(config: ModelConfig, maxTokens: Int? = nil) {
        layerCount = config.layerCount
        kvHeadCount = config.kvHeadCount
        headDim = config.headDim
        self.maxTokens = min(maxTokens ?? config.contextLength, config.contextLength)
    }

    deinit {
        keys.forEach { $0.deallocate() }
        values.forEach { $0.deallocate() }
    }

    /// Bytes of K/V memory actually allocated.
    public func bytes() -> Int { 2 * layerCount * kvHeadCount * capacity * headDim * MemoryLayout<Float16>.size }

    /// Bytes a cache holding `tokens` tokens would use at minimum.
    public func bytes(forTokens tokens: Int) -> Int { 2 * layerCount * kvHeadCount * tokens * headDim * 2 }

    /// Makes room for `extra` more tokens, growing geometrically.
    func reserve(_ extra: Int) throws {
        let needed = count + extra
        guard needed <= maxTokens else { throw ModelError.contextOverflow(tokens: needed, contextLength: maxTokens) }
        guard needed > capacity else { return }
        let newCapacity = min(maxTokens, max(needed, capacity * 2, 256))
        let stride = newCapacity * headDim, oldStride = capacity * headDim
        func grow(_ old: UnsafeMutablePointer<Float16>?) -> UnsafeMutablePointer<Float16> {
            let p = UnsafeMutablePointer<Float16>.allocate(capacity: kvHeadCount * stride)
            if let old {
                for h in 0..<kvHeadCount { (p + h * stride).update(from: old + h * oldStride, count: count * headDim) }
                old.deallocate()
            }
            return p
        }
        if keys.isEmpty {
            keys = (0..<layerCount).map { _ in grow(nil) }
            values = (0..<layerCount).map { _ in grow(nil) }
        } else {
            keys = keys.map { grow($0) }
            values = values.map { grow($0) }
        }
        capacity = newCapacity
    }

    /// Keys of `head` in `layer`: `count` rows of `headDim` (plus reserved room).
    @inline(__always) func keys(layer: Int, head: Int) -> UnsafeMutablePointer<Float16> {
        keys[layer] + head * capacity * headDim
    }

    @inline(__always) func values(layer: Int, head: Int) -> UnsafeMutablePointer<Float16> {
        values[layer] + head * capacity * headDim
    }

    /// Records that `n` tokens were appended (after every layer wrote them).
    func advance(by n: Int) { count += n }

    /// Forgets every token from `position` on (e.g. to re-ask from a prefix).
    public func truncate(to position: Int) { count = min(count, max(0, position)) }

    /// An independent copy: later tokens appended to either do not affect the other.
    public func fork() -> KVCache {
        let copy = KVCache(layerCount: layerCount, kvHeadCount: kvHeadCount, headDim: headDim, maxTokens: maxTokens)
        try? copy.reserve(count)
        for l in 0..<layerCount {
            for h in 0..<kvHeadCount {
                copy.keys(layer: l, head: h).update(from: keys(layer: l, head: h), count: count * headDim)
                copy.values(layer: l, head: h).update(from: values(layer: l, head: h), count: count * headDim)
            }
        }
        copy.count = count
        return copy
    }

    private init(layerCount: Int, kvHeadCount: Int, headDim: Int, maxTokens: Int) {
        self.layerCount = layerCount
        self.kvHeadCount = kvHeadCount
        self.headDim = headDim
        self.maxTokens = maxTokens
    }
}
