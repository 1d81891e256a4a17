/// DuoAttention gates: one α ∈ [0, 1] per (layer, KV head).
///
/// α near 1 means the head needs the full context (a retrieval head); α near
/// 0 means attending to the attention sinks and the recent tokens is enough
/// (a streaming head). `kinds(sparsity:)` turns the gates into a binary
/// retrieval/streaming assignment by a global quantile, which is what the
/// hybrid KV cache and attention consume. Patterns are stored as the
/// DuoAttention reference's `full_attention_heads.tsv` plus a JSON sidecar
/// (see `HeadPattern+File.swift`).
public struct HeadPattern: Sendable, Equatable {
    /// Streaming-head defaults of the reference at evaluation time.
    public static let defaultSink = 64
    public static let defaultRecent = 256

    /// Gates indexed `[layer][kvHead]`, every value in [0, 1], rectangular.
    public let alphas: [[Float]]
    /// Streaming settings, provenance and model fingerprint (the sidecar).
    public var info: HeadPatternInfo
    /// Where the pattern came from (a file path, or e.g. "random pattern (seed 7)"),
    /// used to name it in messages.
    public var source: String

    public var layerCount: Int { alphas.count }
    public var kvHeadCount: Int { alphas.first?.count ?? 0 }
    /// Number of KV heads over all layers.
    public var totalHeads: Int { layerCount * kvHeadCount }
    /// Layers whose heads never stream: a model's sliding-window layers,
    /// which keep their own window (set when the pattern is resolved for a model).
    public var ungatedLayers: Set<Int> = []
    /// Heads that can stream: those outside `ungatedLayers`.
    public var gatedHeads: Int { (0..<layerCount).filter { !ungatedLayers.contains($0) }.count * kvHeadCount }

    /// A pattern from gates `[layer][kvHead]`; values are clipped to [0, 1].
    ///
    /// Throws `HeadPatternError.empty` for no layers or no heads and
    /// `.ragged` when layers have different head counts (line numbers are
    /// 1-based layer indices). NaN gates are refused as not-a-number.
    public init(alphas: [[Float]], info: HeadPatternInfo = HeadPatternInfo(),
                source: String = "head pattern") throws {
        guard let width = alphas.first?.count, width > 0 else { throw HeadPatternError.empty(path: source) }
        for (i, row) in alphas.enumerated() {
            guard row.count == width else {
                throw HeadPatternError.ragged(path: source, line: i + 1, expected: width, found: row.count)
            }
            if let j = row.firstIndex(where: \.isNaN) {
                throw HeadPatternError.notANumber(path: source, line: i + 1, column: j + 1, field: "nan")
            }
        }
        self.alphas = alphas.map { $0.map { min(max($0, 0), 1) } }
        self.info = info
        self.source = source
    }

    /// A pattern with uniform random gates, the control of the evaluations
    /// (`--random-pattern SEED`): same shape as a real pattern, no knowledge.
    /// Deterministic for a seed on every platform (SplitMix64, layer-major).
    /// Throws `.empty` when `layers` or `kvHeads` is not positive.
    public static func random(layers: Int, kvHeads: Int, seed: UInt64,
                              sink: Int = defaultSink, recent: Int = defaultRecent) throws -> HeadPattern {
        var rng = SplitMix64(seed: seed)
        let alphas = (0..<max(layers, 0)).map { _ in (0..<max(kvHeads, 0)).map { _ in Float(rng.nextUnit()) } }
        let info = HeadPatternInfo(sink: sink, recent: recent, method: "random", data: "seed \(seed)")
        return try HeadPattern(alphas: alphas, info: info, source: "random pattern (seed \(seed))")
    }

    // MARK: Binarization

    /// How many KV heads stream at `sparsity`: round(s × gated heads),
    /// halves rounded up. `s` is clamped to [0, 1] (NaN counts as 0), so
    /// s = 0 streams none and s = 1 streams every gated head.
    public func streamingCount(sparsity: Double) -> Int {
        let s = sparsity.isNaN ? 0 : min(max(sparsity, 0), 1)
        return min(gatedHeads, Int((s * Double(gatedHeads)).rounded(.toNearestOrAwayFromZero)))
    }

    /// Every KV head, in the order it turns streaming as sparsity rises:
    /// lowest α first; equal α are ordered by position, the earlier layer
    /// first and, within a layer, the lower KV head first. The rule is total,
    /// so binarization is deterministic even for patterns full of ties (e.g.
    /// gates clipped to exactly 0 or 1).
    public var streamingOrder: [(layer: Int, kvHead: Int)] {
        let width = kvHeadCount
        let flat = alphas.flatMap { $0 }
        let order = flat.indices.filter { !ungatedLayers.contains($0 / width) }
            .sorted { a, b in flat[a] != flat[b] ? flat[a] < flat[b] : a < b }
        return order.map { (layer: $0 / width, kvHead: $0 % width) }
    }

    /// The kind of every KV head at `sparsity` (`[layer][kvHead]`): the
    /// `streamingCount(sparsity:)` heads first in `streamingOrder` stream,
    /// all others are retrieval heads. This is the reference's global
    /// quantile threshold, with ties at the threshold broken by position.
    public func kinds(sparsity: Double) -> [[HeadKind]] {
        var kinds = alphas.map { $0.map { _ in HeadKind.retrieval } }
        for (layer, head) in streamingOrder.prefix(streamingCount(sparsity: sparsity)) {
            kinds[layer][head] = .streaming
        }
        return kinds
    }

    /// The α at or below which heads stream at `sparsity` (the largest
    /// streaming α), or nil when no head streams.
    public func threshold(sparsity: Double) -> Float? {
        let n = streamingCount(sparsity: sparsity)
        guard n > 0 else { return nil }
        let (layer, head) = streamingOrder[n - 1]
        return alphas[layer][head]
    }

    // MARK: Shape

    /// Refuses a pattern made for a model of another shape, naming both
    /// shapes: "pattern P is 24×4 (layers×KV heads) but model M is 30×3".
    public func validate(layers: Int, kvHeads: Int, modelName: String) throws {
        guard layers == layerCount, kvHeads == kvHeadCount else {
            throw HeadPatternError.shapeMismatch(pattern: source, patternLayers: layerCount, patternKVHeads: kvHeadCount,
                                                 model: modelName, modelLayers: layers, modelKVHeads: kvHeads)
        }
    }

    /// `validate(layers:kvHeads:modelName:)` against a model's configuration.
    public func validate(_ config: ModelConfig) throws {
        try validate(layers: config.layerCount, kvHeads: config.kvHeadCount,
                     modelName: config.name.isEmpty ? config.architecture.rawValue : config.name)
    }

    public static func == (a: HeadPattern, b: HeadPattern) -> Bool {
        a.alphas == b.alphas && a.info == b.info
    }
}

extension Array where Element == [HeadKind] {
    /// How many heads of `kind` the map holds.
    public func count(of kind: HeadKind) -> Int {
        reduce(0) { total, row in total + row.filter { $0 == kind }.count }
    }
}
