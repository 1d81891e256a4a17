/// Qwen2 and Qwen2.5: the llama block with q/k/v biases and NEOX-style RoPE
/// (pairs `(i, i + d/2)`).
enum Qwen2: ArchitectureDefinition {
    static let traits = BlockTraits(ropeIsNeox: true, attentionBiases: true)
}
