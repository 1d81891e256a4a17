/// Qwen3 (dense): no q/k/v biases; q and k RMS-normalized per head before
/// NEOX RoPE; heads often wider than `d / heads` (`attention.key_length`).
enum Qwen3: ArchitectureDefinition {
    static let traits = BlockTraits(ropeIsNeox: true, queryKeyNorm: true)
}
