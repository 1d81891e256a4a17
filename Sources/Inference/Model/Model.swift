import GGUF

/// Weights of one transformer block.
public struct LayerWeights: Sendable {
    public let attentionNorm: [Float]
    public let query: WeightMatrix
    public let key: WeightMatrix
    public let value: WeightMatrix
    public let output: WeightMatrix
    public let queryBias: [Float]?
    public let keyBias: [Float]?
    public let valueBias: [Float]?
    public let feedForwardNorm: [Float]
    public let gate: WeightMatrix
    public let up: WeightMatrix
    public let down: WeightMatrix
    /// Per-head RMSNorm weights of q and k (`headDim` each), for QK-norm architectures.
    public var queryNorm: [Float]? = nil
    public var keyNorm: [Float]? = nil
    /// RMSNorm weights applied to the attention and feed-forward outputs before the residual add.
    public var postAttentionNorm: [Float]? = nil
    public var postFeedForwardNorm: [Float]? = nil
}

/// An immutable decoder-only transformer: configuration and weights.
///
/// Weights point into the mapped GGUF file, which the model keeps open.
/// All mutable state (KV cache, activations) belongs to the caller, so one
/// model can serve many sessions.
public final class Model: Sendable {
    public let config: ModelConfig
    public let file: GGUFFile
    public let tokenEmbedding: WeightMatrix
    public let layers: [LayerWeights]
    public let outputNorm: [Float]
    /// The output projection; the token embedding when the model ties them.
    public let output: WeightMatrix
    /// Per rotated pair `i`, the angle step per position.
    public let ropeFrequencies: [Float]
    /// The same for sliding-window layers (equal to `ropeFrequencies` unless
    /// the architecture gives them their own base and scaling).
    public let slidingRopeFrequencies: [Float]

    init(config: ModelConfig, file: GGUFFile, tokenEmbedding: WeightMatrix, layers: [LayerWeights],
         outputNorm: [Float], output: WeightMatrix, ropeFrequencies: [Float], slidingRopeFrequencies: [Float]) {
        self.config = config
        self.file = file
        self.tokenEmbedding = tokenEmbedding
        self.layers = layers
        self.outputNorm = outputNorm
        self.output = output
        self.ropeFrequencies = ropeFrequencies
        self.slidingRopeFrequencies = slidingRopeFrequencies
    }

    /// RoPE angle steps of `layer`; nil for a layer without RoPE.
    func ropeFrequencies(layer: Int) -> [Float]? {
        guard config.usesRope(layer: layer) else { return nil }
        return config.window(layer: layer) == nil ? ropeFrequencies : slidingRopeFrequencies
    }

    /// Loads the architecture named in the file's metadata.
    public static func load(_ file: GGUFFile) throws -> Model {
        let config = try ModelConfig(gguf: file)
        try config.validateBlocks(of: file)
        return try DecoderWeights.load(file, config: config)
    }

    /// Loads a model from a GGUF path.
    public static func load(path: String) throws -> Model {
        try load(GGUFFile(path: path))
    }
}
