import ArgumentParser
import GGUF
import Inference

/// `--pattern FILE` / `--random-pattern SEED`: which head pattern to use.
///
/// Without either, the pattern shipped for the model (matched by its
/// fingerprint) is used; when none ships, `resolve` throws
/// `HeadPatternError.notShipped`.
struct HeadsPatternOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Head pattern TSV (full_attention_heads.tsv, with an optional .json sidecar next to it; "
            + "default: the pattern shipped for the model).", valueName: "file"))
    var pattern: String?

    @Option(help: ArgumentHelp("Use uniform random gates from this seed instead (a control).", valueName: "seed"))
    var randomPattern: UInt64?

    func validate() throws {
        if pattern != nil && randomPattern != nil {
            throw ValidationError("give --pattern or --random-pattern, not both")
        }
    }

    /// The pattern to use for `gguf`, checked against its shape. Prints a
    /// warning when a file pattern was identified on a different model file.
    func resolve(for gguf: GGUFFile, config: ModelConfig) throws -> HeadPattern {
        let pattern: HeadPattern
        if let seed = randomPattern {
            pattern = try HeadPattern.random(layers: config.layerCount, kvHeads: config.kvHeadCount, seed: seed)
        } else if let path = self.pattern {
            pattern = try HeadPattern.load(path: path)
        } else {
            let fingerprint = gguf.fingerprint
            guard let shipped = try HeadPattern.bundled(forModelFingerprint: fingerprint) else {
                throw HeadPatternError.notShipped(model: modelName(gguf))
            }
            pattern = shipped
        }
        try pattern.validate(layers: config.layerCount, kvHeads: config.kvHeadCount, modelName: modelName(gguf))
        if self.pattern != nil, let made = pattern.info.model, made != gguf.fingerprint {
            Console.progress("warning: \(pattern.source) was identified on another model file "
                + "(fingerprint \(made.prefix(12))…, this one \(gguf.fingerprint.prefix(12))…)")
        }
        return pattern
    }

    /// The model file's name, for messages.
    func modelName(_ gguf: GGUFFile) -> String {
        gguf.path.split(separator: "/").last.map(String.init) ?? gguf.path
    }
}
