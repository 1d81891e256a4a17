import GGUF

/// Phi-3 and Phi-4: fused `attn_qkv` and gate/up (`ffn_up` holding both
/// halves, gate first), NEOX RoPE. The long-context variants' LongRoPE
/// (per-pair factors chosen by context length, plus an attention factor)
/// is refused with a clear error rather than run with the wrong angles.
/// Their sliding window is ignored, as llama.cpp does.
enum Phi3: ArchitectureDefinition {
    static let traits = BlockTraits(ropeIsNeox: true)

    static func configure(_ config: inout ModelConfig, from gguf: GGUFFile) throws {
        if gguf.tensors["rope_factors_long.weight"] != nil || gguf.tensors["rope_factors_short.weight"] != nil {
            throw ModelError.badMetadata("this Phi-3 model uses LongRoPE (rope_factors_long/short), which the engine "
                                         + "does not run yet; Phi-3-mini-4k and Phi-4 do not use it")
        }
    }
}
