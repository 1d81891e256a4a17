import Foundation
import Snapshot

/// Which model runs a pipeline and how its attention cache is kept.
///
/// `nil` means "the default": the default model (`$PRECIS_MODEL`, else the
/// registry default), the pattern shipped for it, and the sparsity, sink and
/// recent sizes of that pattern.
public struct EngineSettings: Sendable, Hashable {
    /// A GGUF model file or a registry model; nil for the default model.
    public var model: ModelReference?
    /// A head pattern (`full_attention_heads.tsv`); nil for the shipped one.
    public var pattern: URL?
    /// Fraction of KV heads that stream, 0…1.
    public var sparsity: Double?
    /// Sink tokens kept by streaming heads.
    public var sink: Int?
    /// Recent tokens kept by streaming heads.
    public var recent: Int?
    /// Tokens per prefill chunk.
    public var chunk: Int?
    /// How snapshots store retrieval heads' K/V rows.
    public var codec: SnapshotCodec

    public init(model: ModelReference? = nil, pattern: URL? = nil, sparsity: Double? = nil, sink: Int? = nil,
                recent: Int? = nil, chunk: Int? = nil, codec: SnapshotCodec = .f16) {
        self.model = model
        self.pattern = pattern
        self.sparsity = sparsity
        self.sink = sink
        self.recent = recent
        self.chunk = chunk
        self.codec = codec
    }
}
