import Foundation
import Inference
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
    /// How snapshots store their heads' K/V rows.
    public var codec: SnapshotCodec
    /// Fraction of KV heads a stored snapshot streams, when above `sparsity`:
    /// the pattern's lowest-gated heads keep only their sink and recent rows
    /// in the file (smaller, but answers from it change: see
    /// docs/snapshot-format.md). Nil: the cache's own heads.
    public var snapshotSparsity: Double?
    /// Decode arithmetic: `.fast` (8-bit activation blocks in decode
    /// mat-vecs) or `.exact` (f32). Nil: `ReadingModel.defaultNumerics`.
    public var numerics: Numerics?

    /// The codec snapshots use unless a pipeline or `--codec` says otherwise,
    /// chosen by `precis eval snapshots`: a quarter of f16's size at the same
    /// answer NLL (+0.003) and correctness (docs/snapshot-format.md).
    public static let defaultCodec = SnapshotCodec.int4

    public init(model: ModelReference? = nil, pattern: URL? = nil, sparsity: Double? = nil, sink: Int? = nil,
                recent: Int? = nil, chunk: Int? = nil, codec: SnapshotCodec = defaultCodec, snapshotSparsity: Double? = nil,
                numerics: Numerics? = nil) {
        self.model = model
        self.pattern = pattern
        self.sparsity = sparsity
        self.sink = sink
        self.recent = recent
        self.chunk = chunk
        self.codec = codec
        self.snapshotSparsity = snapshotSparsity
        self.numerics = numerics
    }
}
