import GGUF

/// SmolLM3: the llama block where every fourth layer has no RoPE (NoPE),
/// as in llama.cpp, which fixes the step at 4 rather than reading it.
enum SmolLM3: ArchitectureDefinition {
    static let traits = BlockTraits()
    static let noRopeStep = 4

    static func configure(_ config: inout ModelConfig, from gguf: GGUFFile) throws {
        for l in config.layerUsesRope.indices { config.layerUsesRope[l] = (l + 1) % noRopeStep != 0 }
    }
}
