import ArgumentParser
import Foundation
import Inference

/// `precis bench …`: speed figures, each against a peer measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine, snapshots, the tokenizer or ingestion.",
        subcommands: [BenchEngineCommand.self, BenchSnapshotCommand.self, BenchTokenizerCommand.self, BenchIngestCommand.self],
        defaultSubcommand: BenchEngineCommand.self
    )
}

/// `precis bench engine`: engine throughput, with llama.cpp measured in the same run.
struct BenchEngineCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Measure prefill and decode speed, against llama.cpp when it is installed.",
        discussion: """
        Prefill: one chunk of 512 tokens at depth 0. Decode: tokens/s of single-token \
        steps at depth 0 and after filling the cache to each --context depth. With \
        DuoAttention on (a pattern for the model and --sparsity > 0), full attention is \
        measured in the same run and the ratios are printed, with the KV cache size. With \
        llama-cpp-python installed (pip install llama-cpp-python), bench/llamacpp_bench.py \
        times llama.cpp the same way in the same run and ratios are printed.
        """
    )

    @OptionGroup var model: ModelOptions
    @Option(parsing: .upToNextOption, help: "Depths (tokens in the cache) at which to measure decoding.")
    var context: [Int] = []
    @Option(help: "Tokens decoded per measurement.") var decodeTokens = 64
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: "Peer script timing llama.cpp; 'none' to skip.") var peer = "bench/llamacpp_bench.py"
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if let bad = context.first(where: { $0 < 0 }) { throw ValidationError("--context depths must be >= 0, got \(bad)") }
        guard decodeTokens > 0 else { throw ValidationError("--decode-tokens must be positive") }
    }

    func run() throws {
        let path = try model.resolvedPath()
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        let layout = try duo.layout(gguf: gguf, config: engine.model.config)
        var bench = EngineBenchmark(model: engine.model)
        bench.decodeTokens = decodeTokens
        bench.chunkSize = duo.chunk
        bench.layout = layout
        let ours = try bench.run(depths: context) { if !json { Console.progress("precis: \($0)") } }
        var full: EngineBenchmark.Result?
        if layout != nil {
            bench.layout = nil
            full = try bench.run(depths: context) { if !json { Console.progress("precis, full attention: \($0)") } }
        }
        let theirs = peer == "none" ? nil : try PeerBenchmark.run(script: peer, model: path, depths: context,
                                                                  decodeTokens: decodeTokens, quiet: json)
        let report = BenchReport(precis: ours, full: full, llamaCpp: theirs, attention: DuoOptions.describe(layout))
        if json { try Console.printJSON(report) } else { print(report.table) }
    }
}
