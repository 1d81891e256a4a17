import ArgumentParser
import Foundation
import Inference
import InferenceLab

/// `precis bench …`: speed figures, each against a peer measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine, snapshots, the tokenizer or ingestion.",
        subcommands: [BenchEngineCommand.self, BenchKernelsCommand.self, BenchSnapshotCommand.self, BenchTokenizerCommand.self,
                      BenchIngestCommand.self],
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
        measured in the same run and the ratios are printed, with the KV cache size. \
        Native llama.cpp (llama-bench -t 2 -fa 1, built by `make bench-peer`) times the \
        same measures in the same run; --document N adds the prefill of a whole \
        N-token document from an empty cache (llama-bench -p N). Each of --rounds rounds runs Precis then \
        llama.cpp, and the medians are compared.
        """
    )

    @OptionGroup var model: ModelOptions
    @Option(parsing: .upToNextOption, help: "Depths (tokens in the cache) at which to measure decoding.")
    var context: [Int] = []
    @Option(help: "Tokens decoded per measurement.") var decodeTokens = 64
    @Option(help: "Activation numerics: exact (f32), fast (8-bit activation blocks in decode mat-vecs) or llama-cpp.")
    var numerics: Numerics = .fast
    @Option(help: "Also time the prefill of a whole document of this many tokens (e.g. 32768).") var document: Int?
    @Option(help: "Rounds, Precis and llama.cpp in turn; medians are reported.") var rounds = 3
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: "llama-bench binary (default: $PRECIS_LLAMA_BENCH, the one `make bench-peer` builds, or PATH); 'none' to skip.")
    var peer: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if let bad = context.first(where: { $0 < 0 }) { throw ValidationError("--context depths must be >= 0, got \(bad)") }
        guard decodeTokens > 0 else { throw ValidationError("--decode-tokens must be positive") }
        if let document, document < 1 { throw ValidationError("--document must be positive, got \(document)") }
        guard rounds > 0 else { throw ValidationError("--rounds must be positive") }
    }

    func run() throws {
        let path = try model.resolvedPath()
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        let layout = try duo.layout(gguf: gguf, config: engine.model.config)
        var bench = EngineBenchmark(model: engine.model)
        bench.decodeTokens = decodeTokens
        bench.chunkSize = duo.chunk
        bench.documentTokens = document
        bench.numerics = numerics
        let binary = peer == "none" ? nil : LlamaBench.locate(peer)
        if binary == nil, peer != "none", !json { Console.progress("llama.cpp: llama-bench not found (make bench-peer builds it)") }
        var ours: [EngineBenchmark.Result] = [], full: [EngineBenchmark.Result] = [], theirs: [LlamaBench.Result] = []
        for round in 1...rounds {
            let tag = rounds > 1 ? " (round \(round) of \(rounds))" : ""
            bench.layout = layout
            ours.append(try bench.run(depths: context) { if !json { Console.progress("precis\(tag): \($0)") } })
            if layout != nil {
                bench.layout = nil
                full.append(try bench.run(depths: context) { if !json { Console.progress("precis, full attention\(tag): \($0)") } })
            }
            if let binary {
                if !json { Console.progress("llama.cpp\(tag): llama-bench -t 2 -fa 1") }
                do {
                    theirs.append(try LlamaBench.run(binary: binary, model: path, depths: context, decodeTokens: decodeTokens,
                                                     documentTokens: document, threads: WorkerPool.shared.threadCount))
                } catch { if !json { Console.progress("llama.cpp not measured: \(error)") } }
            }
        }
        var report = BenchReport(precis: EngineBenchmark.Result.median(ours)!, full: EngineBenchmark.Result.median(full),
                                 llamaCpp: LlamaBench.median(theirs), attention: DuoOptions.describe(layout))
        report.rounds = rounds
        if json { try Console.printJSON(report) } else { print(report.table) }
    }
}
