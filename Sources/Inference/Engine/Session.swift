/// A model, a KV cache and reusable activations: the state of one
/// conversation or document.
///
/// The model is shared and immutable; the session owns the mutable state.
/// `prefill` feeds a prompt in chunks, `step` one token at a time.
public final class Session: @unchecked Sendable {
    public let model: Model
    public let cache: HybridKVCache
    public let chunkSize: Int
    let backend: any Backend
    let transformer: Transformer
    /// Receives the retrieval heads' attention of every `step` while set.
    public var observer: AttentionObserver?

    /// - Parameters:
    ///   - cache: the state to continue from; by default a new cache with `layout`.
    ///   - layout: DuoAttention head kinds for a new cache (default: full attention).
    ///   - maxTokens: context bound for this session (default: the model's).
    ///   - chunkSize: tokens per prefill chunk; bounds activation memory.
    ///   - numerics: `.llamaCpp` rounds activations as llama.cpp does, to compare with it.
    public convenience init(model: Model, cache: HybridKVCache? = nil, layout: HeadLayout? = nil, maxTokens: Int? = nil, chunkSize: Int = 512,
                numerics: Numerics = .exact, pool: WorkerPool = .shared) {
        let cache = cache ?? HybridKVCache(config: model.config, layout: layout, maxTokens: maxTokens)
        let chunkSize = max(1, chunkSize)
        self.init(model: model, cache: cache, chunkSize: chunkSize,
                  backend: Self.backend(for: model, layout: cache.layout, chunkSize: chunkSize, numerics: numerics, pool: pool))
        OpenBLAS.useSingleThread()
    }

    /// A session on `backend` (made for chunks of `chunkSize` tokens), such as a GPU's.
    init(model: Model, cache: HybridKVCache, chunkSize: Int, backend: any Backend) {
        self.model = model
        self.cache = cache
        self.chunkSize = chunkSize
        self.backend = backend
        transformer = Transformer(config: model.config, backend: backend)
    }

    /// llama.cpp's own arithmetic where it is reproduced, else the CPU
    /// backend (rounding activations to llama.cpp's grids when asked).
    private static func backend(for model: Model, layout: HeadLayout, chunkSize: Int, numerics: Numerics,
                                pool: WorkerPool) -> any Backend {
        if numerics == .llamaCpp, LlamaCppBackend.supports(model, layout: layout) {
            return LlamaCppBackend(model: model, chunkSize: chunkSize, pool: pool)
        }
        return CPUBackend(model: model, chunkSize: chunkSize, numerics: numerics, pool: pool)
    }

    /// Tokens in the cache (the position the next token gets).
    public var position: Int { cache.count }

    /// Runs `tokens` through the model in chunks and returns the logits of
    /// the last one. Throws when the tokens do not fit the context.
    @discardableResult
    public func prefill(_ tokens: [Int32]) throws -> [Float] {
        var logits: [Float] = []
        try prefill(tokens, logitsFor: .last) { _, rows, _ in logits = rows }
        return logits
    }

    /// Which positions of a prefill need logits.
    public enum LogitsSelection: Sendable { case last, all }

    /// Runs `tokens` in chunks; calls `onLogits(firstIndex, logits, vocab)` with
    /// the logits of the selected positions of each chunk (row-major).
    public func prefill(_ tokens: [Int32], logitsFor selection: LogitsSelection,
                        onLogits: (_ firstIndex: Int, _ logits: [Float], _ vocab: Int) throws -> Void) throws {
        try validate(tokens)
        try cache.reserve(tokens.count)
        var index = 0
        while index < tokens.count {
            let end = min(tokens.count, index + chunkSize)
            let chunk = Array(tokens[index..<end])
            let isLast = end == tokens.count
            let rows: Range<Int>? = selection == .all ? 0..<chunk.count : (isLast ? (chunk.count - 1)..<chunk.count : nil)
            let logits = transformer.forward(chunk, cache: cache, logitRows: rows)
            if let rows { try onLogits(index + rows.lowerBound, logits, model.config.vocabSize) }
            index = end
        }
    }

    /// Runs `tokens` in chunks with `hooks(chunkStart, chunkCount)` applied to
    /// each chunk's forward pass; no logits.
    package func prefill(_ tokens: [Int32], hooks: (_ start: Int, _ count: Int) -> ForwardHooks) throws {
        try validate(tokens)
        try cache.reserve(tokens.count)
        var index = 0
        while index < tokens.count {
            let end = min(tokens.count, index + chunkSize)
            let h = hooks(index, end - index)
            _ = transformer.forward(Array(tokens[index..<end]), cache: cache, logitRows: nil, hooks: h)
            index = end
        }
    }

    /// Feeds one token and returns the logits for the next.
    public func step(_ token: Int32) throws -> [Float] {
        try validate([token])
        try cache.reserve(1)
        observer?.beginStep()
        defer { observer?.endStep() }
        return transformer.forward([token], cache: cache, logitRows: 0..<1, observer: observer)
    }

    private func validate(_ tokens: [Int32]) throws {
        let vocab = model.config.vocabSize
        if let bad = tokens.first(where: { $0 < 0 || Int($0) >= vocab }) {
            throw ModelError.badMetadata("token id \(bad) is outside the vocabulary (0..<\(vocab))")
        }
        if cache.count + tokens.count > cache.maxTokens {
            throw ModelError.contextOverflow(tokens: cache.count + tokens.count, contextLength: cache.maxTokens)
        }
    }
}
