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

    /// Where the pattern comes from.
    var source: AttentionChoice.Source {
        randomPattern.map { .random(seed: $0) } ?? pattern.map { .file($0) } ?? .shipped
    }

    /// The pattern to use for `gguf`, checked against its shape. Prints a
    /// warning when a file pattern was identified on a different model file.
    func resolve(for gguf: GGUFFile, config: ModelConfig) throws -> HeadPattern {
        guard let found = try source.pattern(for: gguf, config: config, warn: { Console.warning($0) }) else {
            throw HeadPatternError.notShipped(model: modelName(gguf))
        }
        return found
    }

    /// The model file's name, for messages.
    func modelName(_ gguf: GGUFFile) -> String {
        gguf.path.split(separator: "/").last.map(String.init) ?? gguf.path
    }
}
