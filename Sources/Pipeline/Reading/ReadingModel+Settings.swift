import Foundation
import GGUF
import Inference

extension ReadingModel {
    /// The model a pipeline's engine settings describe: its model (a file or
    /// a registry model installed under `models`; `defaultModel` when none is
    /// named), its pattern (the one shipped for the model when none is
    /// named), sparsity (DuoAttention's default for the model's attention
    /// when none is set), sink, recent, chunk and decode numerics. Without a pattern for the
    /// model, full attention — `note` says so — unless a sparsity above zero
    /// was asked for, which is an error; `warn` hears of a pattern file
    /// identified on another model file. A missing model throws
    /// `ModelLookupError`, which says how to fetch it. `digests`: see `init`.
    public static func load(_ engine: EngineSettings, defaultModel: ModelReference, models: URL,
                            digests: ContentDigestCache? = nil, note: (String) -> Void = { _ in },
                            warn: (String) -> Void = { _ in }) throws -> ReadingModel {
        let path = try (engine.model ?? defaultModel).resolve(models: models).path
        let gguf = try GGUFFile(path: path)
        let choice = AttentionChoice(source: engine.pattern.map { .file($0.path) } ?? .shipped, sparsity: engine.sparsity,
                                     sink: engine.sink, recent: engine.recent)
        let (pattern, layout) = try choice.resolve(gguf: gguf, config: try ModelConfig(gguf: gguf), note: note, warn: warn)
        return try ReadingModel(gguf: gguf, pattern: pattern, layout: layout, chunk: engine.chunk ?? 1024, digests: digests,
                                numerics: engine.numerics ?? defaultNumerics)
    }
}
