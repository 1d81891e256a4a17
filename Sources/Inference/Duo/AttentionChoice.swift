import GGUF

/// Which head pattern to run a model with, and the policy that turns it
/// into a layout: DuoAttention's default sparsity (0.5 for GQA models, 0.75
/// otherwise) unless one is given; full attention at sparsity 0; and full
/// attention — with a note — when nothing was asked for and no pattern
/// ships for the model. Shared by the commands and pipeline files.
public struct AttentionChoice: Sendable {
    /// Where the pattern comes from.
    public enum Source: Sendable, Equatable {
        /// The pattern shipped for the model (matched by header fingerprint).
        case shipped
        /// A TSV file (with an optional JSON sidecar).
        case file(String)
        /// Uniform random gates from a seed: a control.
        case random(seed: UInt64)
    }

    public var source: Source
    public var sparsity: Double?
    public var sink: Int?
    public var recent: Int?

    public init(source: Source = .shipped, sparsity: Double? = nil, sink: Int? = nil, recent: Int? = nil) {
        self.source = source
        self.sparsity = sparsity
        self.sink = sink
        self.recent = recent
    }

    /// The pattern and the layout binarized from it for `gguf`; both nil for
    /// full attention. Throws when a pattern was asked for (a file, a seed or
    /// a sparsity above 0) and cannot be had, or does not fit the model.
    /// `note` hears that attention is full for lack of a pattern; `warn`,
    /// that a pattern file was identified on another model file.
    public func resolve(gguf: GGUFFile, config: ModelConfig, note: (String) -> Void = { _ in },
                        warn: (String) -> Void = { _ in }) throws -> (pattern: HeadPattern?, layout: HeadLayout?) {
        if sparsity == 0 { return (nil, nil) }
        guard let pattern = try source.pattern(for: gguf, config: config, warn: warn) else {
            let error = HeadPatternError.notShipped(model: Self.name(of: gguf))
            guard (sparsity ?? 0) == 0 else { throw error }
            note("\(error); running full attention")
            return (nil, nil)
        }
        let s = sparsity ?? (config.groupSize > 1 ? 0.5 : 0.75)
        return (pattern, pattern.layout(sparsity: s, sink: sink, recent: recent))
    }

    /// A model file's name, for messages.
    static func name(of gguf: GGUFFile) -> String {
        gguf.path.split(separator: "/").last.map(String.init) ?? gguf.path
    }
}

extension AttentionChoice.Source {
    /// The pattern for `gguf`, checked against its shape; nil when `.shipped`
    /// and none ships for it. `warn` hears when a file pattern was
    /// identified on another model file.
    public func pattern(for gguf: GGUFFile, config: ModelConfig, warn: (String) -> Void = { _ in }) throws -> HeadPattern? {
        var pattern: HeadPattern
        switch self {
        case .random(let seed):
            pattern = try HeadPattern.random(layers: config.layerCount, kvHeads: config.kvHeadCount, seed: seed)
        case .file(let path):
            pattern = try HeadPattern.load(path: path)
            if let made = pattern.info.model, made != gguf.headerFingerprint {
                warn("\(path) was identified on another model file "
                    + "(fingerprint \(made.prefix(12))…, this one \(gguf.headerFingerprint.prefix(12))…)")
            }
        case .shipped:
            guard let shipped = try HeadPattern.bundled(forModelFingerprint: gguf.headerFingerprint) else { return nil }
            pattern = shipped
        }
        try pattern.validate(layers: config.layerCount, kvHeads: config.kvHeadCount, modelName: AttentionChoice.name(of: gguf))
        pattern.ungatedLayers = config.slidingLayers
        return pattern
    }
}
