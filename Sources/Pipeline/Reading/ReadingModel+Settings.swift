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
        let config = try ModelConfig(gguf: gguf)
        let chunk = engine.chunk ?? 1024
        if engine.sparsity == 0 { return try ReadingModel(gguf: gguf, pattern: nil, layout: nil, chunk: chunk) }
        let name = (path as NSString).lastPathComponent
        let pattern: HeadPattern
        if let file = engine.pattern {
            pattern = try HeadPattern.load(path: file.path)
        } else if let shipped = try HeadPattern.bundled(forModelFingerprint: gguf.fingerprint) {
            pattern = shipped
        } else {
            guard engine.sparsity == nil else { throw HeadPatternError.notShipped(model: name) }
            note("\(HeadPatternError.notShipped(model: name)); running full attention")
            return try ReadingModel(gguf: gguf, pattern: nil, layout: nil, chunk: chunk)
        }
        try pattern.validate(layers: config.layerCount, kvHeads: config.kvHeadCount, modelName: name)
        let sparsity = engine.sparsity ?? (config.groupSize > 1 ? 0.5 : 0.75)
        return try ReadingModel(gguf: gguf, pattern: pattern,
                                layout: pattern.layout(sparsity: sparsity, sink: engine.sink, recent: engine.recent), chunk: chunk)
    }
}
