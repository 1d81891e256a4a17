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

    init(config: ModelConfig, file: GGUFFile, tokenEmbedding: WeightMatrix, layers: [LayerWeights],
         outputNorm: [Float], output: WeightMatrix, ropeFrequencies: [Float]) {
        self.config = config
        self.file = file
        self.tokenEmbedding = tokenEmbedding
        self.layers = layers
        self.outputNorm = outputNorm
        self.output = output
        self.ropeFrequencies = ropeFrequencies
    }

    /// Loads the architecture named in the file's metadata.
    public static func load(_ file: GGUFFile) throws -> Model {
        let config = try ModelConfig(gguf: file)
        try config.validateBlocks(of: file)
        switch config.architecture {
        case .llama: return try Llama.load(file, config: config)
        case .qwen2: return try Qwen2.load(file, config: config)
        }
    }

    /// Loads a model from a GGUF path.
    public static func load(path: String) throws -> Model {
        try load(GGUFFile(path: path))
    }
}
