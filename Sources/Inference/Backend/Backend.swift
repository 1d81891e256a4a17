/// Where a forward pass runs. `Transformer` says what happens in which
/// order; a backend does it, on weights, activations and a KV cache it
/// holds. Operations name their operands by role (`ActivationBuffer`,
/// `MatrixRole`, `NormRole`, a layer index), never by host pointer, so
/// a backend may keep them in another memory.
///
/// `CPUBackend` is the product's; `LlamaCppBackend` reproduces llama.cpp's
/// CPU arithmetic step by step, to compare with it.
protocol Backend: AnyObject {
    /// Embeds the chunk's tokens into `.hidden` (× √d where the architecture scales them).
    func embed(_ tokens: [Int32])
    /// RMS-normalizes `count` rows of `source` into `target` (the same buffer: in place)
    /// with layer `layer`'s `norm`; nothing when the layer has no such norm.
    func normalize(_ norm: NormRole, layer: Int, _ source: ActivationBuffer, into target: ActivationBuffer, count: Int)
    /// Normalizes `.hidden`'s `rows` with the output norm into `.normed`, from its row 0.
    func normalizeOutput(rows: Range<Int>)
    /// `target = W · input` for each `(W, target)` of layer `layer`, over `count` rows.
    func project(layer: Int, _ items: [(MatrixRole, ActivationBuffer)], from input: ActivationBuffer, count: Int)
    /// Adds layer `layer`'s q/k/v biases where the architecture has them.
    func addBiases(layer: Int, count: Int)
    /// QK-norm: RMS-normalizes every head of `.query` and `.key`, where the architecture has it.
    func normalizeHeads(layer: Int, count: Int)
    /// Rotates `.query` and `.key` to positions `start…` (RoPE; nothing on a NoPE layer).
    func rotate(layer: Int, count: Int, start: Int)
    /// Writes `.key`/`.value` into `cache` and attends `.query` over what each
    /// head keeps, into `.attention`; `observer` sees the retrieval heads' weights.
    func attend(layer: Int, count: Int, cache: HybridKVCache, observer: AttentionObserver?)
    /// `.gate ← act(.gate) · .up`, with the architecture's activation.
    func activate(count: Int)
    /// `.hidden += source`.
    func addResidual(_ source: ActivationBuffer, count: Int)
    /// Vocabulary logits of `.normed`'s first `count` rows (row-major).
    func logits(count: Int) -> [Float]
    /// Lends `buffer` as host memory, for analyses that read or fill it
    /// (`ForwardHooks`); a backend in other memory copies it in and out.
    func withHostBuffer(_ buffer: ActivationBuffer, _ body: (UnsafeMutablePointer<Float>) -> Void)
}

/// The activations of a forward pass, by role; each holds one row per token of the chunk.
enum ActivationBuffer {
    /// The residual stream, `[T][d]`.
    case hidden
    /// A normalized copy of it, `[T][d]`.
    case normed
    case query, key, value
    /// Attention output, `[T][qDim]`.
    case attention
    /// An attention or feed-forward output before the residual add, `[T][d]`.
    case projected
    case gate, up
}

/// The matrices of a block.
enum MatrixRole {
    case query, key, value, output, gate, up, down
}

/// The RMS norms of a block.
enum NormRole {
    case attention, feedForward, postAttention, postFeedForward
}

extension LayerWeights {
    func matrix(_ role: MatrixRole) -> WeightMatrix {
        switch role {
        case .query: query
        case .key: key
        case .value: value
        case .output: output
        case .gate: gate
        case .up: up
        case .down: down
        }
    }

    /// The norm's weights; nil where the architecture has none.
    func norm(_ role: NormRole) -> [Float]? {
        switch role {
        case .attention: attentionNorm
        case .feedForward: feedForwardNorm
        case .postAttention: postAttentionNorm
        case .postFeedForward: postFeedForwardNorm
        }
    }
}
