import Foundation

/// The forward pass of a decoder over a chunk of tokens, for every
/// registered architecture (`BlockTraits` says what each adds), on any
/// `Backend`.
///
/// Reads in data-flow order: embed (× √d) → per layer (norm → q/k/v (+ bias)
/// → (QK-norm) → RoPE → cache → attention → output projection → (post-norm)
/// → residual → norm → SwiGLU/GeGLU → (post-norm) → residual) → final norm →
/// logits (→ soft cap).
struct Transformer {
    let config: ModelConfig
    let backend: any Backend

    /// Appends `tokens` to `cache` and returns logits for `logitRows` of the chunk.
    func forward(_ tokens: [Int32], cache: HybridKVCache, logitRows: Range<Int>?, hooks: ForwardHooks? = nil,
                 observer: AttentionObserver? = nil) -> [Float] {
        let t = tokens.count
        if let load = hooks?.loadInput { backend.withHostBuffer(.hidden, load) } else { backend.embed(tokens) }
        for layer in (hooks?.firstLayer ?? 0)..<config.layerCount {
            if let see = hooks?.layerInput { backend.withHostBuffer(.hidden) { see(layer, $0) } }
            attentionBlock(layer, count: t, cache: cache, observer: observer)
            feedForwardBlock(layer, count: t)
        }
        cache.advance(by: t)
        if let final = hooks?.finalHidden {
            backend.normalizeOutput(rows: 0..<t)
            backend.withHostBuffer(.normed) { final($0) }
        }
        guard let rows = logitRows else { return [] }
        backend.normalizeOutput(rows: rows)
        var logits = backend.logits(count: rows.count)
        if let cap = config.finalLogitSoftcap {
            for i in logits.indices { logits[i] = cap * Foundation.tanh(logits[i] / cap) }
        }
        return logits
    }

    private func attentionBlock(_ l: Int, count t: Int, cache: HybridKVCache, observer: AttentionObserver?) {
        backend.normalize(.attention, layer: l, .hidden, into: .normed, count: t)
        backend.project(layer: l, [(.query, .query), (.key, .key), (.value, .value)], from: .normed, count: t)
        backend.addBiases(layer: l, count: t)
        backend.normalizeHeads(layer: l, count: t)
        backend.rotate(layer: l, count: t, start: cache.count)
        backend.attend(layer: l, count: t, cache: cache, observer: observer)
        backend.project(layer: l, [(.output, .projected)], from: .attention, count: t)
        backend.normalize(.postAttention, layer: l, .projected, into: .projected, count: t)
        backend.addResidual(.projected, count: t)
    }

    private func feedForwardBlock(_ l: Int, count t: Int) {
        backend.normalize(.feedForward, layer: l, .hidden, into: .normed, count: t)
        backend.project(layer: l, [(.gate, .gate), (.up, .up)], from: .normed, count: t)
        backend.activate(count: t)
        backend.project(layer: l, [(.down, .projected)], from: .gate, count: t)
        backend.normalize(.postFeedForward, layer: l, .projected, into: .projected, count: t)
        backend.addResidual(.projected, count: t)
    }
}

/// Ways to observe or shortcut a forward pass over one chunk, for analyses
/// such as head identification (not used in ordinary inference).
package struct ForwardHooks {
    /// Layer to start at; earlier layers are skipped and their cache left empty.
    package var firstLayer = 0
    /// Fills the chunk's residual stream (`[T][d]`) entering `firstLayer`, instead of embedding.
    package var loadInput: ((UnsafeMutablePointer<Float>) -> Void)?
    /// Sees the chunk's residual stream entering each layer.
    package var layerInput: ((_ layer: Int, _ hidden: UnsafePointer<Float>) -> Void)?
    /// Receives the final-normalized hidden states of every row of the chunk.
    package var finalHidden: ((UnsafePointer<Float>) -> Void)?

    package init() {}
}
