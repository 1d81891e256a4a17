/// Per-thread working memory of the attention kernels, allocated once.
final class AttentionScratch: @unchecked Sendable {
    static let keyTile = 256
    static let queryBlock = 64

    let rowsCapacity: Int
    let headDim: Int
    /// Gathered queries of one KV group: `[rows][headDim]`.
    let queries: UnsafeMutablePointer<Float>
    /// Scores / probabilities: `[rows][keyTile]` (decode: `[group][keys]`).
    let scores: UnsafeMutablePointer<Float>
    let keys: UnsafeMutablePointer<Float>
    let values: UnsafeMutablePointer<Float>
    let accumulator: UnsafeMutablePointer<Float>
    let rowMax: UnsafeMutablePointer<Float>
    let rowSum: UnsafeMutablePointer<Float>
    let scoresCapacity: Int

    init(group: Int, headDim: Int, decodeKeys: Int) {
        rowsCapacity = group * Self.queryBlock
        self.headDim = headDim
        scoresCapacity = max(rowsCapacity * Self.keyTile, group * decodeKeys)
        queries = .allocate(capacity: rowsCapacity * headDim)
        scores = .allocate(capacity: scoresCapacity)
        keys = .allocate(capacity: Self.keyTile * headDim)
        values = .allocate(capacity: Self.keyTile * headDim)
        accumulator = .allocate(capacity: rowsCapacity * headDim)
        rowMax = .allocate(capacity: rowsCapacity)
        rowSum = .allocate(capacity: rowsCapacity)
    }

    deinit {
        [queries, scores, keys, values, accumulator, rowMax, rowSum].forEach { $0.deallocate() }
    }
}
