/// The kind of every KV head of a model plus the streaming window: the
/// binarized DuoAttention pattern a cache and the attention kernels follow.
///
/// Gates are per KV head, so a streaming head's memory is really dropped for
/// all the query heads of its group.
public struct HeadLayout: Sendable, Equatable {
    /// `[layer][kvHead]`.
    public let kinds: [[HeadKind]]
    /// Tokens at the start of the context every streaming head keeps.
    public let sink: Int
    /// Most recent tokens every streaming head keeps.
    public let recent: Int

    public init(kinds: [[HeadKind]], sink: Int, recent: Int) {
        self.kinds = kinds
        self.sink = max(0, sink)
        self.recent = max(0, recent)
    }

    /// Full attention: every head is a retrieval head.
    public static func full(layers: Int, kvHeads: Int) -> HeadLayout {
        HeadLayout(kinds: Array(repeating: Array(repeating: .retrieval, count: kvHeads), count: layers), sink: 0, recent: 0)
    }

    /// Full attention for `config`'s shape.
    public static func full(_ config: ModelConfig) -> HeadLayout {
        full(layers: config.layerCount, kvHeads: config.kvHeadCount)
    }

    /// This layout with every head of `layers` a retrieval head.
    public func keepingFullAttention(onLayers layers: Set<Int>) -> HeadLayout {
        guard layers.contains(where: { $0 < kinds.count && kinds[$0].contains(.streaming) }) else { return self }
        let kept = kinds.enumerated().map { l, row in layers.contains(l) ? row.map { _ in HeadKind.retrieval } : row }
        return HeadLayout(kinds: kept, sink: sink, recent: recent)
    }

    public var layerCount: Int { kinds.count }
    public var kvHeadCount: Int { kinds.first?.count ?? 0 }
    public var streamingCount: Int { kinds.joined().filter { $0 == .streaming }.count }
    /// Fraction of KV heads that stream.
    public var sparsity: Double {
        let total = layerCount * kvHeadCount
        return total == 0 ? 0 : Double(streamingCount) / Double(total)
    }
    public var isFull: Bool { streamingCount == 0 }

    /// Whether a streaming head lets a query at `query` see the key at
    /// `key`, when the query's prefill chunk starts at `chunkStart`: the
    /// sink, the `recent` tokens before the chunk, and the chunk causally.
    /// The definition the kernels implement; tests compare against it.
    public func streamingSees(key: Int, query: Int, chunkStart: Int) -> Bool {
        key <= query && (key < sink || key >= chunkStart - recent)
    }
}

extension HeadPattern {
    /// The binarized layout at `sparsity` with the pattern's sink and recent
    /// (or the given overrides).
    public func layout(sparsity: Double, sink: Int? = nil, recent: Int? = nil) -> HeadLayout {
        HeadLayout(kinds: kinds(sparsity: sparsity), sink: sink ?? info.sink, recent: recent ?? info.recent)
    }
}
