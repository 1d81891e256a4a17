import ArgumentParser
import Foundation
import Inference
import InferenceLab
import Pipeline
import Snapshot

/// `precis bench snapshot`: snapshot sizes, load times and accuracy cost.
struct BenchSnapshotCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Measure snapshot size, load time and NLL cost of each codec on a long document.",
        discussion: """
        Prefills the first --tokens tokens of --file (default: the haystack essays from \
        `precis model fetch --haystack`) with DuoAttention, then for f16, int8 and int4 \
        writes a snapshot, loads it into a ready session (best of 3) and scores the next \
        --continuation tokens after it. Prints each size against a full-attention f16 \
        cache of the same tokens (what llama.cpp's state file holds), the load time \
        against the prefill time of the same run, and the continuation NLL against the \
        one after the original in-memory cache.
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: "Text file to read (default: the haystack essays).") var file: String?
    @Option(help: "Tokens of the document to prefill.") var tokens = 7680
    @Option(help: "Tokens scored after the snapshot.") var continuation = 512
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard tokens > 0, continuation > 1 else { throw ValidationError("--tokens must be positive and --continuation above 1") }
    }

    func run() throws {
        let gguf = try model.open()
        let (pattern, resolved) = try duo.resolve(gguf: gguf, config: try ModelConfig(gguf: gguf))
        let reading = try ReadingModel(gguf: gguf, pattern: pattern, layout: resolved, chunk: duo.chunk,
                                       digests: PrecisPaths.fromEnvironment().modelDigests)
        let all = try text().map { reading.tokenizer.encode($0, parseSpecial: false) } ?? []
        guard all.count >= tokens + continuation else {
            throw ValidationError("the text has \(all.count) tokens; --tokens \(tokens) + --continuation \(continuation) are needed")
        }
        guard tokens + continuation <= reading.contextLength else {
            throw ValidationError("--tokens + --continuation exceed the model's context (\(reading.contextLength))")
        }
        let bench = SnapshotBenchmark(model: reading.model, layout: reading.layout, identity: reading.identity)
        let result = try bench.run(document: Array(all.prefix(tokens)),
                                   continuation: Array(all[tokens..<(tokens + continuation)])) {
            if !json { Console.progress($0) }
        }
        if json { return try Console.printJSON(result) }
        print(DuoOptions.describe(resolved))
        print(result.markdown)
    }

    private func text() throws -> String? {
        if let file { return try readText(file) }
        let essays = PrecisPaths.fromEnvironment().haystack.appendingPathComponent("PaulGrahamEssays")
        guard FileManager.default.fileExists(atPath: essays.path) else {
            throw ValidationError("no --file given and the haystack essays are not installed; run `precis model fetch --haystack`")
        }
        return try Haystack(directory: essays.path).text
    }
}
