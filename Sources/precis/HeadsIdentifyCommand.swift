import ArgumentParser
import Foundation
import Inference
import InferenceLab

/// `precis heads identify`: find the model's retrieval heads and write a pattern.
struct HeadsIdentifyCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify retrieval heads on synthetic passkey data and write full_attention_heads.tsv + .json.",
        discussion: """
        Builds one multi-passkey sample per --lengths entry (passkeys of random words at \
        random depths of the haystack, then a question and the teacher-forced answer for each). \
        For every KV head it measures DuoAttention's objective: the mean squared distance \
        between the final hidden states on the answer tokens with full attention and with \
        that head alone streaming (sink + recent). Gates are the distances averaged over the \
        samples, scaled to [0, 1]. Work is checkpointed after every head; run the same command \
        again to resume.
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var haystack: HaystackOption
    @Option(parsing: .upToNextOption, help: "Sample lengths in tokens (default: 1/8, 1/4, 1/2 and all of the model's context).")
    var lengths: [Int] = []
    @Option(help: "Passkeys per sample.") var keys = 4
    @Option(help: "Seed for the samples.") var seed: UInt64 = 1
    @Option(help: "Sink tokens of streaming heads.") var sink = HeadPattern.defaultSink
    @Option(help: "Recent tokens of streaming heads.") var recent = HeadPattern.defaultRecent
    @Option(help: "Tokens per prefill chunk. Small, so that a streaming head sees about sink + recent tokens as in the reference's training mask (within a chunk it sees all earlier chunk tokens).")
    var chunk = 128
    @Option(name: .shortAndLong, help: "Pattern to write (a .json sidecar is written next to it).")
    var output = "full_attention_heads.tsv"
    @Option(help: "Checkpoint file (default: <output>.checkpoint.json).") var checkpoint: String?
    @OptionGroup var log: LogOptions

    func validate() throws {
        if let bad = lengths.first(where: { $0 < 64 }) { throw ValidationError("--lengths must be at least 64 tokens, got \(bad)") }
        guard keys > 0 else { throw ValidationError("--keys must be positive") }
        guard sink >= 0, recent >= 0 else { throw ValidationError("--sink and --recent must be zero or more") }
        guard chunk > 0 else { throw ValidationError("--chunk must be positive") }
        guard output.hasSuffix(".tsv") else { throw ValidationError("--output must end in .tsv, got \(output)") }
    }

    func run() throws {
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        let context = engine.model.config.contextLength
        let lengths = self.lengths.isEmpty ? [context / 8, context / 4, context / 2, context] : self.lengths
        if let long = lengths.first(where: { $0 > context }) {
            throw ValidationError("--lengths: \(long) tokens exceed the model's context of \(context)")
        }
        let text = try haystack.load()
        let settings = HeadIdentification.Settings(lengths: lengths, keysPerSample: keys, seed: seed, sink: sink,
                                                   recent: recent, chunk: chunk, model: gguf.headerFingerprint, haystack: text.source)
        let generator = try PasskeyGenerator(haystack: text, tokenizer: engine.tokenizer)
        let identification = HeadIdentification(
            model: engine.model, samples: try HeadIdentification.samples(generator: generator, settings: settings), settings: settings)
        let checkpointPath = checkpoint ?? output + ".checkpoint.json"
        Console.progress("identifying \(engine.model.config.layerCount * engine.model.config.kvHeadCount) KV heads on "
            + "\(lengths.count) samples (\(lengths.map(String.init).joined(separator: ", ")) tokens); checkpoint \(checkpointPath)")
        let gates = try identification.run(checkpointPath: checkpointPath) { p in
            let eta = p.eta.map { " ETA \(Self.duration($0))" } ?? ""
            Console.progress("sample \(p.sample + 1)/\(p.samples): \(p.headsDone)/\(p.headsTotal) head measurements\(eta)")
        }
        let info = HeadPatternInfo(
            sink: sink, recent: recent, model: gguf.headerFingerprint,
            method: "ablation: per-head distance of final hidden states on answer tokens, full vs that head streaming",
            data: "multi-passkey haystack=\(text.source) lengths=\(lengths.map(String.init).joined(separator: ",")) keys=\(keys) seed=\(seed)",
            created: HeadPatternInfo.timestamp())
        let pattern = try HeadPattern(alphas: gates, info: info, source: output)
        try pattern.write(path: output)
        try? FileManager.default.removeItem(atPath: checkpointPath)
        print("wrote \(output) and \(HeadPattern.sidecarPath(forTSV: output))")
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
