import ArgumentParser
import Foundation
import Inference
import InferenceLab
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

/// `precis bench kernels`: decode mat-vec speed per weight type.
struct BenchKernelsCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Measure decode mat-vec speed per weight type, in GB of weights read per second.",
        discussion: """
        Each type's 32768×4096 matrix (larger than the caches) is multiplied by a vector on every thread; the \
        same bytes are then read by a plain vectorized sum (the bound a kernel cannot \
        beat), measured in the same run. Best of 10. Types without a direct kernel \
        dequantize each row first. "int8 GB/s": the same product with the integer kernels \
        of --numerics fast (the vector rounded to 8-bit blocks once), for the types that have them.
        """
    )

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let rows = KernelBenchmark.run { if !json { Console.progress("precis: \($0)") } }
        if json { try Console.printJSON(rows); return }
        print("type     kernel       MiB   GB/s  int8 GB/s   read GB/s   of read")
        for r in rows {
            let best = max(r.gbPerSecond, r.integerGBPerSecond ?? 0)
            print(r.type.padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                  + (r.direct ? "direct " : "dequant").padding(toLength: 8, withPad: " ", startingAt: 0)
                  + String(format: "%8.1f %6.1f", Double(r.matrixBytes) / 1_048_576, r.gbPerSecond)
                  + (r.integerGBPerSecond.map { String(format: "%11.1f", $0) } ?? "          -")
                  + String(format: " %11.1f %8.2f", r.readGBPerSecond, best / r.readGBPerSecond))
        }
    }
}
