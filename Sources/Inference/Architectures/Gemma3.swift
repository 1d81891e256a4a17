import GGUF

/// Gemma 3 (text): the embedding scaled by √d; q and k RMS-normalized per
/// head; attention and feed-forward outputs normalized again before the
/// residual add; GeGLU; tied output. Layers alternate sliding-window
/// attention (window `attention.sliding_window`) and global attention: in
/// every `attention.sliding_window_pattern` layers (default 6) the last is
/// global. Sliding layers use RoPE base `rope.freq_base_swa` (default 10000)
/// unscaled; global layers `rope.freq_base` with the file's scaling.
enum Gemma3: ArchitectureDefinition {
    static let traits = BlockTraits(ropeIsNeox: true, activation: .geGLU, queryKeyNorm: true, postNorms: true,
                                    scaledEmbedding: true)

    static func configure(_ config: inout ModelConfig, from gguf: GGUFFile) throws {
        let a = "gemma3"
        if let window = gguf.int("\(a).attention.sliding_window"), window > 0 {
            let sliding = try slidingLayers(gguf, count: config.layerWindows.count)
            for l in config.layerWindows.indices where sliding[l] { config.layerWindows[l] = window }
            config.slidingRopeFreqBase = Float(gguf.double("\(a).rope.freq_base_swa") ?? 10000)
        }
        if let cap = gguf.double("\(a).final_logit_softcapping"), cap > 0 { config.finalLogitSoftcap = Float(cap) }
        // Gemma 3 27B scales queries by 1/√(d/heads) instead of 1/√headDim (llama.cpp picks it by depth).
        if config.layerCount == 62, config.headCount > 0 {
            config.attentionScale = 1 / (Float(config.embeddingLength) / Float(config.headCount)).squareRoot()
        }
    }

    /// Which layers slide: an explicit per-layer array, or a period whose last layer is global.
    private static func slidingLayers(_ gguf: GGUFFile, count: Int) throws -> [Bool] {
        let key = "gemma3.attention.sliding_window_pattern"
        if let flags = gguf.metadata[key]?.array {
            let bools = flags.compactMap(\.bool)
            guard bools.count == count else {
                throw ModelError.badMetadata("\(key) lists \(flags.count) layers for a model of \(count)")
            }
            return bools
        }
        let period = gguf.int(key) ?? 6
        return (0..<count).map { period == 0 || $0 % period < period - 1 }
    }
}
