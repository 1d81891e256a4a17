import ArgumentParser
import Foundation
import Inference
import InferenceLab

/// `precis eval passkey`: passkey retrieval accuracy by length × depth.
struct EvalPasskeyCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "passkey",
        abstract: "Passkey retrieval: can the model recall words hidden deep in a long text?",
        discussion: """
        For each length and depth, a passkey of five random words is hidden in haystack text \
        at that depth (0 = start, 1 = end); the model is asked for it, given its first two \
        words, and continues greedily. Accuracy is the fraction of the remaining words it \
        reproduces. Compare --sparsity 0 (full attention), the shipped pattern at 0.5, and \
        --random-pattern SEED as a control.
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @OptionGroup var haystack: HaystackOption
    @Option(parsing: .upToNextOption, help: "Prompt lengths in tokens (comma- or space-separated).")
    var lengths: [String] = ["1000,2000,4000,8000"]
    @Option(help: "Number of depths, spread evenly from the start to the end of the text.") var depths = 5
    @Option(help: "Seed for the passkeys and their placement.") var seed: UInt64 = 1
    @Flag(help: "Print JSON: results [{length, depth, accuracy}], mean_accuracy.") var json = false

    var parsedLengths: [Int] {
        get throws {
            let parts = lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            return try parts.map { p in
                guard let n = Int(p), n > 0 else { throw ValidationError("--lengths: '\(p)' is not a positive token count") }
                return n
            }
        }
    }
    @OptionGroup var log: LogOptions

    func validate() throws {
        _ = try parsedLengths
        guard depths > 0 else { throw ValidationError("--depths must be positive, got \(depths)") }
    }

    func run() throws {
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        let lengths = try parsedLengths
        if let long = lengths.first(where: { $0 > engine.model.config.contextLength }) {
            throw ValidationError("--lengths: \(long) tokens exceed the model's context of \(engine.model.config.contextLength)")
        }
        var evaluation = PasskeyEvaluation(model: engine.model,
                                           generator: try PasskeyGenerator(haystack: haystack.load(), tokenizer: engine.tokenizer))
        evaluation.layout = try duo.layout(gguf: gguf, config: engine.model.config)
        evaluation.chunkSize = duo.chunk
        evaluation.seed = seed
        if !json { Console.progress(DuoOptions.describe(evaluation.layout)) }
        let grid = PasskeyEvaluation.depths(depths)
        var done = 0
        let report = try evaluation.run(lengths: lengths, depths: grid) { cell in
            done += 1
            if !json {
                Console.progress(String(format: "[%d/%d] length %d depth %.2f: %.2f  %@", done, lengths.count * grid.count,
                                        cell.length, cell.depth, cell.accuracy, cell.answer.debugDescription))
            }
        }
        if json { try Console.printJSON(report); return }
        print(Self.table(report, lengths: lengths, depths: grid))
    }

    static func table(_ report: PasskeyEvaluation.Report, lengths: [Int], depths: [Double]) -> String {
        var lines = ["length \\ depth" + depths.map { String(format: "%7.2f", $0) }.joined() + "   mean"]
        for length in lengths {
            let row = report.results.filter { $0.length == length }
            let mean = row.reduce(0) { $0 + $1.accuracy } / Double(max(1, row.count))
            lines.append(String(length).padding(toLength: 14, withPad: " ", startingAt: 0)
                         + row.map { String(format: "%7.2f", $0.accuracy) }.joined() + String(format: "  %5.2f", mean))
        }
        lines.append(String(format: "mean accuracy %.3f", report.meanAccuracy))
        return lines.joined(separator: "\n")
    }
}
