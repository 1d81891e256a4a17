import ArgumentParser
import GGUF
import Inference

/// `--sparsity`, `--sink`, `--recent`, `--pattern` / `--random-pattern` and
/// `--chunk`: how DuoAttention runs, shared by generate, eval and bench.
///
/// Defaults come from the pattern shipped for the model: DuoAttention's
/// sparsity (0.5 for GQA models, 0.75 otherwise) with the pattern's sink and
/// recent. Without a pattern the tool says so and runs full attention.
struct DuoOptions: ParsableArguments {
    @OptionGroup var patternOptions: HeadsPatternOptions
    @Option(help: ArgumentHelp(
        "Fraction of KV heads that stream (0 = full attention, 1 = all streaming; default: 0.5 for GQA "
            + "models, 0.75 otherwise, when a pattern is available).", valueName: "s"))
    var sparsity: Double?
    @Option(help: ArgumentHelp("Tokens at the start every streaming head keeps (default: the pattern's).", valueName: "n"))
    var sink: Int?
    @Option(help: ArgumentHelp("Most recent tokens every streaming head keeps (default: the pattern's).", valueName: "n"))
    var recent: Int?
    @Option(help: ArgumentHelp("Tokens per prefill chunk; bounds prefill memory.", valueName: "n"))
    var chunk = 1024

    func validate() throws {
        if let sparsity, !(0...1).contains(sparsity) { throw ValidationError("--sparsity must be between 0 and 1, got \(sparsity)") }
        if let sink, sink < 0 { throw ValidationError("--sink must be zero or more, got \(sink)") }
        if let recent, recent < 0 { throw ValidationError("--recent must be zero or more, got \(recent)") }
        guard chunk > 0 else { throw ValidationError("--chunk must be positive, got \(chunk)") }
    }

    /// The head layout to run, or nil for full attention. `note` receives
    /// the reason when DuoAttention is off for lack of a pattern.
    func layout(gguf: GGUFFile, config: ModelConfig, note: (String) -> Void = { Console.progress($0) }) throws -> HeadLayout? {
        try resolve(gguf: gguf, config: config, note: note).layout
    }

    /// The pattern and the layout binarized from it; both nil for full attention.
    func resolve(gguf: GGUFFile, config: ModelConfig,
                 note: (String) -> Void = { Console.progress($0) }) throws -> (pattern: HeadPattern?, layout: HeadLayout?) {
        let resolved = try choice.resolve(gguf: gguf, config: config, note: note, warn: { Console.warning($0) })
        Console.debug("attention: \(Self.describe(resolved.layout))")
        return resolved
    }

    /// These flags as an `AttentionChoice`.
    var choice: AttentionChoice {
        AttentionChoice(source: patternOptions.source, sparsity: sparsity, sink: sink, recent: recent)
    }

    /// A one-line description of a layout for reports.
    static func describe(_ layout: HeadLayout?) -> String {
        guard let layout, !layout.isFull else { return "full attention" }
        return "DuoAttention: \(layout.streamingCount) of \(layout.layerCount * layout.kvHeadCount) KV heads streaming "
            + "(sparsity \(String(format: "%.2f", layout.sparsity))), sink \(layout.sink), recent \(layout.recent)"
    }
}
