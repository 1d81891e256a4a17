import Foundation
import GGUF

extension PipelineConfig {
    /// SHA-256 (hex) of the settings that shape a pipeline's outputs: model
    /// (path or registry name), pattern path, sparsity, sink, recent, chunk,
    /// codec, numerics when set, and every genre's summary length and prompts (after defaults
    /// are applied).
    ///
    /// Name, description, inputs, output directory, schedule and retention
    /// are left out: they decide which documents are processed, where results
    /// go, and when, not what a summary says. Equal settings written
    /// differently (`length: medium` or no `length`; a prompt equal to the
    /// built-in one) hash the same. The runner stores it with each output so a
    /// changed setting re-summarizes the documents it affects.
    public var configHash: String {
        SHA256Hasher.hex(of: Array(canonicalSettings.utf8))
    }

    /// The normalized settings text that `configHash` digests, one `key=value` per line.
    public var canonicalSettings: String {
        var lines = ["precis-pipeline-settings 1"]
        func add(_ key: String, _ value: String?) { lines.append("\(key)=\(value.map(Self.quote) ?? "default")") }
        add("model", engine.model.map(Self.modelSetting))
        add("pattern", engine.pattern?.path)
        add("sparsity", engine.sparsity.map { String($0) })
        add("sink", engine.sink.map(String.init))
        add("recent", engine.recent.map(String.init))
        add("chunk", engine.chunk.map(String.init))
        add("codec", engine.codec.description)
        if let numerics = engine.numerics { add("numerics", numerics.rawValue) }
        add("unsupported", summary.unsupported.rawValue)
        add("citations", summary.citations.rawValue)
        if summary.compareCitations { add("compare_citations", "true") }
        add("no_repeat_ngram", String(summary.noRepeatNGram))
        add("repetition_penalty", String(summary.repetitionPenalty))
        for genre in DocumentGenre.allCases {
            let prompts = summary.prompts(for: genre)
            add("\(genre).words", String(summary.length(for: genre).targetWords))
            add("\(genre).summary", prompts.summary.text)
            add("\(genre).merge", prompts.merge.text)
            add("\(genre).section", prompts.section.text)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file by its path (as before names existed, so such settings keep
    /// their hash), a registry model by name. Which weights were actually
    /// loaded is mixed in separately, by the runner (the model's fingerprint).
    private static func modelSetting(_ model: ModelReference) -> String {
        switch model {
        case let .file(url): return url.path
        case let .registered(name): return "registry:\(name)"
        }
    }

    /// A JSON string literal, so values with newlines or `=` stay unambiguous.
    private static func quote(_ value: String) -> String {
        let data = (try? JSONEncoder().encode(value)) ?? Data(value.utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
