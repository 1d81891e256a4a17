import GGUF

/// Architectures the engine can run, by their GGUF `general.architecture` name.
///
/// Each has one file under `Architectures/` holding what sets it apart: its
/// block traits, the metadata only it has, and its weights; the decoder in
/// `Transformer` is shared. Registering one is a case here and a line in
/// `definition`.
public enum Architecture: String, Sendable, CaseIterable {
    /// Llama 2/3.x, Mistral, SmolLM2, TinyLlama.
    case llama
    /// Qwen2 and Qwen2.5.
    case qwen2
    /// Qwen3 (dense).
    case qwen3
    /// Gemma 3 (text).
    case gemma3
    /// Phi-3 and Phi-4 (short RoPE).
    case phi3
    /// SmolLM3.
    case smollm3

    /// Where the architecture's configuration and weights are read.
    var definition: any ArchitectureDefinition.Type {
        switch self {
        case .llama: Llama.self
        case .qwen2: Qwen2.self
        case .qwen3: Qwen3.self
        case .gemma3: Gemma3.self
        case .phi3: Phi3.self
        case .smollm3: SmolLM3.self
        }
    }

    /// Whether RoPE rotates pairs `(i, i + d/2)` (NEOX) rather than `(2i, 2i+1)`.
    public var ropeIsNeox: Bool { definition.traits.ropeIsNeox }
}

/// What one architecture adds to the shared decoder.
protocol ArchitectureDefinition {
    /// The fixed shape of its block.
    static var traits: BlockTraits { get }
    /// Reads the hyper-parameters only this architecture has into `config`
    /// (layer windows, layers without RoPE, attention scale…).
    static func configure(_ config: inout ModelConfig, from gguf: GGUFFile) throws
    /// The weights of layer `index`.
    static func layer(_ index: Int, _ weights: WeightLoader, _ config: ModelConfig) throws -> LayerWeights
}

extension ArchitectureDefinition {
    static func configure(_ config: inout ModelConfig, from gguf: GGUFFile) throws {}

    static func layer(_ index: Int, _ weights: WeightLoader, _ config: ModelConfig) throws -> LayerWeights {
        try BlockWeights.load(index, weights, config, traits: traits)
    }
}

/// The parts of a decoder block that differ between architectures.
public struct BlockTraits: Sendable, Equatable {
    public enum Activation: Sendable, Equatable {
        /// `silu(gate) * up`.
        case swiGLU
        /// `gelu_tanh(gate) * up`.
        case geGLU
    }

    public var ropeIsNeox = false
    public var activation = Activation.swiGLU
    /// q, k and v carry biases.
    public var attentionBiases = false
    /// q and k are RMS-normalized per head before RoPE.
    public var queryKeyNorm = false
    /// The attention and feed-forward outputs are RMS-normalized before the residual add.
    public var postNorms = false
    /// The token embedding is multiplied by √d.
    public var scaledEmbedding = false
}
