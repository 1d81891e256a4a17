import Foundation
import GGUF
import Inference

extension ReadingModel {
    /// The model a pipeline's engine settings describe: its model file (the
    /// installed default when none is named), its pattern (the one shipped
    /// for the model when none is named), sparsity (DuoAttention's default
    /// for the model's attention when none is set), sink, recent and chunk.
    /// Without a pattern for the model, full attention — `note` says so —
    /// unless a sparsity above zero was asked for, which is an error.
    public static func load(_ engine: EngineSettings, defaultModel: URL,
                            note: (String) -> Void = { _ in }) throws -> ReadingModel {
        let path = (engine.model ?? defaultModel).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError.modelNotFound(path: path)
        }
        let gguf = try GGUFFile(path: path)
        let choice = AttentionChoice(source: engine.pattern.map { .file($0.path) } ?? .shipped, sparsity: engine.sparsity,
                                     sink: engine.sink, recent: engine.recent)
        let (pattern, layout) = try choice.resolve(gguf: gguf, config: try ModelConfig(gguf: gguf), note: note)
        return try ReadingModel(gguf: gguf, pattern: pattern, layout: layout, chunk: engine.chunk ?? 1024)
    }
}
