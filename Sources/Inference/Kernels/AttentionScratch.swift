/// Per-thread working memory of the attention kernels, allocated once.
final class AttentionScratch: @unchecked Sendable {
    static let keyTile = 256
    static let queryBlock = 64

    let rowsCapacity: Int
    let headDim: Int
    /// Gathered queries of one KV group: `[rows][headDim]`.
    let queries: UnsafeMutablePointer<Float>
    /// Scores / probabilities: `[rows][keyTile]` (decode: `[group][keys]`,
    /// grown by `reserveScores` as the cache grows).
    private(set) var scores: UnsafeMutablePointer<Float>
    let keys: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>
    let accumulator: UnsafeMutablePointer<Float>
    let rowMax: UnsafeMutablePointer<Float>
    let rowSum: UnsafeMutablePointer<Float>
    private(set) var scoresCapacity: Int

    init(group: Int, headDim: Int) {
        rowsCapacity = group * Self.queryBlock
        self.headDim = headDim
        scoresCapacity = rowsCapacity * Self.keyTile
        queries = .allocate(capacity: rowsCapacity * headDim)
        scores = .allocate(capacity: scoresCapacity)
        keys = .allocate(capacity: Self.keyTile * headDim)
        values = .allocate(capacity: Self.keyTile * headDim)
        accumulator = .allocate(capacity: rowsCapacity * headDim)
        rowMax = .allocate(capacity: rowsCapacity)
        rowSum = .allocate(capacity: rowsCapacity)
    }

    /// Makes `scores` hold at least `count` floats, doubling, so a decode step
    /// never needs more than the keys the cache actually has (not the model's
    /// whole context).
    @inline(__always) func reserveScores(_ count: Int) {
        guard count > scoresCapacity else { return }
        let capacity = max(count, scoresCapacity * 2)
        scores.deallocate()
        scores = .allocate(capacity: capacity)
        scoresCapacity = capacity
    }

    deinit {
        [queries, scores, keys, values, accumulator, rowMax, rowSum].forEach { $0.deallocate() }
    }
}
