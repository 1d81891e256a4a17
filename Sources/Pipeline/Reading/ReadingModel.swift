import GGUF
import Inference
import Snapshot

/// A model set up to read documents: weights, tokenizer, chat template and
/// DuoAttention layout, and the snapshot identity that follows from them.
/// Immutable and shared by every document and question of a run.
public struct ReadingModel: Sendable {
    public let gguf: GGUFFile
    public let model: Model
    public let tokenizer: any Tokenizer
    public let framing: DocumentFraming
    /// Head kinds the cache is built with (all retrieval for full attention).
    public let layout: HeadLayout
    /// The head pattern `layout` was binarized from (nil for full attention).
    public let pattern: HeadPattern?
    /// Tokens per prefill chunk (part of the snapshot identity).
    public let chunk: Int
    /// What a snapshot of a document read by this model must have been made with.
    public let identity: SnapshotIdentity
    /// Arithmetic of its sessions: `.fast` (integer decode mat-vecs, as
    /// llama.cpp does) unless a caller asks for the f32 reference.
    public let numerics: Numerics
    /// The arithmetic reading models use unless told otherwise.
    public static let defaultNumerics = Numerics.fast

    /// - Parameters:
    ///   - pattern: the head pattern `layout` was binarized from, or nil for a
    ///     pattern-less layout such as full attention.
    ///   - layout: DuoAttention head kinds; nil for full attention.
    ///   - template: the chat template; by default the model's own.
    ///   - digests: where the model file's content digest (its snapshot
    ///     fingerprint) is remembered between runs (`PrecisPaths.modelDigests`);
    ///     without one the whole file is hashed again.
    ///   - numerics: the sessions' arithmetic; prefill (and so snapshots) is
    ///     f32 in every mode but `.llamaCpp`.
    public init(gguf: GGUFFile, pattern: HeadPattern?, layout: HeadLayout?, chunk: Int,
                template: ChatTemplate? = nil, digests: ContentDigestCache? = nil, numerics: Numerics = defaultNumerics) throws {
        self.gguf = gguf
        self.numerics = numerics
        self.pattern = layout == nil ? nil : pattern
        model = try Model.load(gguf)
        tokenizer = try TokenizerLoader.load(from: gguf)
        framing = DocumentFraming(template: try template ?? ChatTemplate.forModel(gguf))
        let layout = layout ?? .full(model.config)
        self.layout = layout
        self.chunk = max(1, chunk)
        identity = SnapshotIdentity(modelFingerprint: gguf.contentFingerprint(cache: digests), tokenizer: tokenizer,
                                    pattern: layout.isFull ? nil : pattern, layout: layout,
                                    sparsity: layout.sparsity, chunk: self.chunk)
    }

    /// The model's context length.
    public var contextLength: Int { model.config.contextLength }

    /// Head kinds a snapshot stores at `sparsity`: the heads this reading
    /// streams, plus the pattern's lowest-gated heads up to that fraction
    /// (so a snapshot can be smaller than the cache). Nil when it would
    /// stream no more than the cache (or there is no pattern).
    public func snapshotLayout(sparsity: Double?) -> HeadLayout? {
        guard let sparsity, let pattern, sparsity > layout.sparsity else { return nil }
        let more = pattern.kinds(sparsity: min(1, sparsity))
        let kinds = zip(layout.kinds, more).map { mine, theirs in
            zip(mine, theirs).map { $0 == .streaming || $1 == .streaming ? HeadKind.streaming : .retrieval }
        }
        // A pattern's sparsity counts only gated heads; nothing to add when it streams no more of them.
        guard kinds != layout.kinds else { return nil }
        return HeadLayout(kinds: kinds, sink: layout.sink, recent: layout.recent)
    }

    /// A new session on `cache` (a fresh empty one by default) with this
    /// model's chunk size.
    public func session(cache: HybridKVCache? = nil) -> Session {
        Session(model: model, cache: cache, layout: layout, chunkSize: chunk, numerics: numerics)
    }

    /// Token ids of `segments`: template text with special tokens parsed,
    /// content (documents, questions) as plain text, so text in a document
    /// can never act as a control token.
    func encode(_ segments: [FramedText]) -> [Int32] {
        segments.flatMap { segment -> [Int32] in
            switch segment {
            case .template(let text): return text.isEmpty ? [] : tokenizer.encode(text, parseSpecial: true)
            case .content(let text): return text.isEmpty ? [] : tokenizer.encode(text, parseSpecial: false)
            case .beginningOfSequence: return tokenizer.addBOS ? tokenizer.bosID.map { [$0] } ?? [] : []
            }
        }
    }
}
