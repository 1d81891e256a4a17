import GGUF

/// Qwen2 models: the llama block with q/k/v biases and NEOX-style RoPE
/// (pairs `(i, i + d/2)`; `Architecture.ropeIsNeox`).
enum Qwen2 {
    static func load(_ file: GGUFFile, config: ModelConfig) throws -> Model {
        try Llama.load(file, config: config, biases: true)
    }
}
