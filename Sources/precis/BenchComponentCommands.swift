import ArgumentParser
import Foundation
import Inference
import Ingest

/// `precis bench tokenizer`: tokenizing about 1 MB of English text.
struct BenchTokenizerCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenizer",
        abstract: "Time tokenizing and decoding about 1 MB of English text with the model's tokenizer."
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        let engine = try Engine(gguf: model.open())
        print(TokenizerBenchmark.run(tokenizer: engine.tokenizer))
    }
}

/// `precis bench ingest`: ingesting synthetic 1 MB EPUB and DOCX files.
struct BenchIngestCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time ingesting a synthetic 1 MB EPUB and DOCX."
    )

    @Option(help: "Size of each synthetic document in bytes.") var bytes = 1 << 20
    @Option(help: "Timed runs per document.") var runs = 5
    @OptionGroup var log: LogOptions

    func run() throws {
        print(IngestBenchmark.run(targetBytes: bytes, runs: runs))
    }
}
