import Foundation
import Synchronization

/// Keys and values a session has seen, per layer and KV head, under a
/// DuoAttention `HeadLayout`.
///
/// Retrieval heads keep every token; streaming heads keep the first `sink`
/// tokens and a ring of the last `recent`, and a sliding-window layer's
/// heads the rows its window can still reach, so neither grows with the
/// context. With a full layout and no sliding layers this is an ordinary KV
/// cache.
///
/// Stored as f16: half the memory of f32 with no measurable loss (llama.cpp's
/// default too), and a snapshot of it is exact. Keys are stored already
/// rotated at their absolute positions and never re-rotated. Each head's
/// rows are contiguous `[token][headDim]`. Owned by the caller; the model
/// never mutates it.
public final class HybridKVCache: @unchecked Sendable {
    public let layout: HeadLayout
    public let layerCount: Int
    public let kvHeadCount: Int
    public let headDim: Int
    /// Upper bound on tokens (the model's context length).
    public let maxTokens: Int
    /// Tokens seen so far (the position the next token gets).
    public private(set) var count = 0
    /// Unique to this cache object, so a copy of its rows kept elsewhere
    /// (a GPU's `DeviceKVMirror`) knows when it is shown another cache.
    let serial = CacheSerial.next()
    /// Rows allocated per retrieval head of a full-attention layer.
    private(set) var capacity = 0
    private var stores: [HeadStore]
    /// Per layer, its sliding window (nil: full attention). Such a layer's
    /// heads are retrieval heads whose queries see only the window; rows no
    /// later query can reach are dropped from the front as the window moves.
    let windows: [Int?]
    /// Per layer, the position of its heads' row 0: 0 for full-attention
    /// layers, the oldest row kept for sliding-window layers.
    var origins: [Int]
    /// The chunk's rows of streaming heads, staged until their layer's attention is done.
    let staging: StagingRows
    /// The layer whose streaming heads' chunk rows are staged, and their count.
    var pending: (layer: Int, count: Int)?

    public init(config: ModelConfig, layout: HeadLayout? = nil, maxTokens: Int? = nil) {
        precondition(layout.map { $0.layerCount == config.layerCount && $0.kvHeadCount == config.kvHeadCount } ?? true,
                     "head layout shape does not match the model")
        // Sliding-window layers keep their own window, whatever a pattern says.
        let layout = (layout ?? .full(config)).keepingFullAttention(onLayers: config.slidingLayers)
        windows = layout.kinds.indices.map { config.window(layer: $0) }
        origins = Array(repeating: 0, count: config.layerCount)
        staging = StagingRows(kvHeads: config.kvHeadCount, headDim: config.headDim)
        self.layout = layout
        layerCount = config.layerCount
        kvHeadCount = config.kvHeadCount
        headDim = config.headDim
        self.maxTokens = min(maxTokens ?? config.contextLength, config.contextLength)
        let window = layout.sink + layout.recent
        stores = layout.kinds.joined().map { kind in
            kind == .streaming ? HeadStore(rows: window, headDim: config.headDim) : HeadStore(rows: 0, headDim: config.headDim)
        }
    }

    @inline(__always) func kind(layer: Int, head: Int) -> HeadKind { layout.kinds[layer][head] }
    @inline(__always) func store(_ layer: Int, _ head: Int) -> HeadStore { stores[layer * kvHeadCount + head] }

    /// All rows of a retrieval head (for kernels that index the whole cache).
    @inline(__always) func keys(layer: Int, head: Int) -> UnsafeMutablePointer<Float16> { store(layer, head).keys }
    @inline(__always) func values(layer: Int, head: Int) -> UnsafeMutablePointer<Float16> { store(layer, head).values }

    /// Bytes of K/V memory held (allocated rows of every head, keys and values).
    public func bytes() -> Int { stores.reduce(0) { $0 + $1.bytes } }

    /// Bytes a full-attention f16 cache of `tokens` tokens takes.
    public func fullBytes(forTokens tokens: Int) -> Int {
        Self.fullBytes(layers: layerCount, kvHeads: kvHeadCount, headDim: headDim, tokens: tokens)
    }

    /// Bytes a full-attention f16 cache of this shape takes (keys and values).
    public static func fullBytes(layers: Int, kvHeads: Int, headDim: Int, tokens: Int) -> Int {
        2 * layers * kvHeads * tokens * headDim * MemoryLayout<Float16>.size
    }

    /// The sliding window of `layer`, nil for full attention.
    public func window(layer: Int) -> Int? { windows[layer] }

    /// Makes room for `extra` more tokens in the retrieval heads, growing
    /// geometrically; throws when the context would overflow.
    func reserve(_ extra: Int) throws {
        let needed = count + extra
        guard needed <= maxTokens else { throw ModelError.contextOverflow(tokens: needed, contextLength: maxTokens) }
        guard needed > capacity else { return }
        let newCapacity = min(maxTokens, max(needed, capacity * 2, 256))
        for (i, store) in stores.enumerated() where layout.kinds[i / kvHeadCount][i % kvHeadCount] == .retrieval
            && windows[i / kvHeadCount] == nil {
            store.resize(rows: newCapacity, keeping: count)
        }
        capacity = newCapacity
    }

    /// Makes room for `extra` rows in a sliding-window layer's heads (the
    /// next chunk, written by that layer's `update`): when they are full,
    /// drops the rows behind the next query's window and, if that is not
    /// enough, grows them to hold about two windows more.
    func slide(layer: Int, window: Int, extra: Int) {
        let held = count - origins[layer], rows = store(layer, 0).rows
        guard held + extra > rows else { return }
        let keep = min(count, window - 1), drop = held - keep
        let newRows = keep + extra > rows ? max(keep + extra, min(maxTokens, 2 * window + extra)) : rows
        for h in 0..<kvHeadCount { store(layer, h).keepRows(from: drop, count: keep, rows: newRows) }
        origins[layer] += drop
    }

    /// Rows a sliding-window layer's heads keep for later queries: the last
    /// `window - 1` tokens' (a query sees itself and those before it).
    func windowRows(layer: Int) -> Int? { windows[layer].map { min(count, $0 - 1) } }

    /// Number of rows a streaming head holds before the next chunk: its sink
    /// and ring, which are contiguous from row 0.
    func streamingRows() -> Int {
        min(count, layout.sink) + min(max(count - layout.sink, 0), layout.recent)
    }

    /// Stores the K/V rows of a finished chunk of `n` tokens, held in
    /// `keys`/`values` (`[n][headDim]`), into a streaming head's sink and ring.
    func commitStreaming(layer: Int, head: Int, keys: UnsafePointer<Float16>, values: UnsafePointer<Float16>, count n: Int) {
        let s = store(layer, head), d = headDim, sink = layout.sink, recent = layout.recent
        for i in 0..<n {
            let position = count + i
            let row: Int
            if position < sink { row = position }
            else if recent > 0 && position >= count + n - recent { row = sink + (position - sink) % recent }
            else { continue }
            (s.keys + row * d).update(from: keys + i * d, count: d)
            (s.values + row * d).update(from: values + i * d, count: d)
        }
    }

    /// Records that `n` tokens were appended (after every layer's `update`).
    func advance(by n: Int) {
        commitPending()
        count += n
    }

    /// Forgets every token from `position` on. Exact only while no streaming
    /// head has evicted anything and every sliding window still holds the rows
    /// the position's window reaches; otherwise it throws (fork instead to
    /// keep a state to return to).
    public func truncate(to position: Int) throws {
        let target = min(count, max(0, position))
        if target < count && !layout.isFull && target > 0 && count > layout.sink + layout.recent {
            throw ModelError.cannotRewind(position: target, count: count)
        }
        for layer in 0..<layerCount {
            guard let window = windows[layer], target < count, target > 0 else { continue }
            if origins[layer] > target + 1 - window { throw ModelError.cannotRewind(position: target, count: count) }
        }
        if target == 0 { origins = origins.map { _ in 0 } }
        count = target
    }

    /// Puts an empty cache in the state of one that has seen `tokens` tokens
    /// (rows unwritten), for restoring: sliding-window layers start at the
    /// oldest row their window keeps, with room for those rows.
    func place(at tokens: Int) {
        count = tokens
        for layer in 0..<layerCount {
            guard let window = windows[layer], let rows = windowRows(layer: layer) else { continue }
            origins[layer] = tokens - rows
            slide(layer: layer, window: window, extra: 0)
        }
    }

    /// An independent copy: later tokens appended to either do not affect the other.
    public func fork() -> HybridKVCache {
        let copy = HybridKVCache(layout: layout, layerCount: layerCount, kvHeadCount: kvHeadCount,
                                 headDim: headDim, maxTokens: maxTokens, windows: windows)
        copy.stores = stores.enumerated().map { i, store in
            let streaming = layout.kinds[i / kvHeadCount][i % kvHeadCount] == .streaming
            return store.copy(rows: streaming ? store.rows : count - origins[i / kvHeadCount])
        }
        copy.capacity = capacity
        copy.origins = origins
        copy.count = count
        return copy
    }

    private init(layout: HeadLayout, layerCount: Int, kvHeadCount: Int, headDim: Int, maxTokens: Int, windows: [Int?]) {
        self.layout = layout
        self.windows = windows
        origins = Array(repeating: 0, count: layerCount)
        staging = StagingRows(kvHeads: kvHeadCount, headDim: headDim)
        self.layerCount = layerCount
        self.kvHeadCount = kvHeadCount
        self.headDim = headDim
        self.maxTokens = maxTokens
        stores = []
    }
}

/// The K/V rows of one head: `rows` × `headDim` f16 keys and values.
final class HeadStore: @unchecked Sendable {
    let headDim: Int
    private(set) var rows: Int
    private(set) var keys: UnsafeMutablePointer<Float16>
    private(set) var values: UnsafeMutablePointer<Float16>

    init(rows: Int, headDim: Int) {
        self.rows = rows
        self.headDim = headDim
        keys = .allocate(capacity: max(1, rows * headDim))
        values = .allocate(capacity: max(1, rows * headDim))
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    var bytes: Int { 2 * rows * headDim * MemoryLayout<Float16>.size }

    /// Reallocates to `rows`, keeping the first `keeping` rows.
    func resize(rows newRows: Int, keeping: Int) {
        let k = UnsafeMutablePointer<Float16>.allocate(capacity: max(1, newRows * headDim))
        let v = UnsafeMutablePointer<Float16>.allocate(capacity: max(1, newRows * headDim))
        let kept = min(keeping, rows, newRows) * headDim
        k.update(from: keys, count: kept)
        v.update(from: values, count: kept)
        keys.deallocate()
        values.deallocate()
        keys = k
        values = v
        rows = newRows
    }

    /// Keeps rows `from ..< from + count` as rows `0 ..< count` (of those
    /// allocated), reallocating to `newRows` rows if that differs.
    func keepRows(from first: Int, count kept: Int, rows newRows: Int) {
        let kept = max(0, min(kept, rows - first)) * headDim, source = first * headDim  // elements
        if newRows == rows {
            memmove(keys, keys + source, kept * MemoryLayout<Float16>.stride)
            memmove(values, values + source, kept * MemoryLayout<Float16>.stride)
            return
        }
        let k = UnsafeMutablePointer<Float16>.allocate(capacity: max(1, newRows * headDim))
        let v = UnsafeMutablePointer<Float16>.allocate(capacity: max(1, newRows * headDim))
        k.update(from: keys + source, count: kept)
        v.update(from: values + source, count: kept)
        keys.deallocate()
        values.deallocate()
        keys = k
        values = v
        rows = newRows
    }

    func copy(rows copied: Int) -> HeadStore {
        let c = HeadStore(rows: rows, headDim: headDim), n = min(copied, rows) * headDim
        c.keys.update(from: keys, count: n)
        c.values.update(from: values, count: n)
        return c
    }
}

/// Serial numbers of caches, unique within the process.
enum CacheSerial {
    private static let last = Atomic<Int>(0)
    static func next() -> Int { last.add(1, ordering: .relaxed).newValue }
}
