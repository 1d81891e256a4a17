/// Llama-family models (Llama 2/3.x, Mistral, SmolLM2, TinyLlama): RMSNorm,
/// grouped-query attention with interleaved RoPE, SwiGLU feed-forward, tied
/// or separate output head, optional `rope_freqs` (Llama 3.x) or linear scaling.
enum Llama: ArchitectureDefinition {
    static let traits = BlockTraits()
}
