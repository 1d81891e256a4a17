import Foundation
import GGUF
import Inference
import Testing
@testable import Snapshot

/// Snapshot sizes and read times on the default model. Prefilling thousands
/// of tokens takes minutes, so it runs only with `PRECIS_MEASURE_SNAPSHOTS=N`
/// (N tokens, e.g. 8192) and prints a Markdown table; `PRECIS_MEASURE_KEEP=PATH`
/// also keeps an f16 snapshot of the prefilled cache there.
@Suite("Snapshot measurement")
struct DefaultModelMeasurement {
    static var tokenCount: Int? {
        ProcessInfo.processInfo.environment["PRECIS_MEASURE_SNAPSHOTS"].flatMap { Int($0) }
    }

    static var modelPath: String? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["PRECIS_MODEL"], FileManager.default.fileExists(atPath: p) { return p }
        let root = env["PRECIS_HOME"] ?? (env["XDG_CACHE_HOME"].map { $0 + "/precis" } ?? NSHomeDirectory() + "/.cache/precis")
        let p = root + "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// The first `count` tokens of the haystack essays (repeated if short).
    static func text(_ tokenizer: any Tokenizer, count: Int) -> [Int32] {
        let essays = ProcessInfo.processInfo.environment["PRECIS_HOME"].map { $0 + "/haystack/PaulGrahamEssays" }
            ?? NSHomeDirectory() + "/.cache/precis/haystack/PaulGrahamEssays"
        var text = (try? Haystack(directory: essays).text) ?? ""
        if text.isEmpty { text = String(repeating: "The quick brown fox reads a long contract clause by clause. ", count: 2000) }
        var tokens = tokenizer.encode(text, parseSpecial: false)
        while tokens.count < count { tokens += tokens }
        return Array(tokens.prefix(count))
    }

    /// NLL of the last 512 of `PRECIS_MEASURE_NLL=N` tokens, continuing from
    /// the cache of the first N − 512 re-encoded with each codec (sparsity 0.5).
    @Test("continuation NLL after each codec", .enabled(if: ProcessInfo.processInfo.environment["PRECIS_MEASURE_NLL"] != nil
                                                            && modelPath != nil, "set PRECIS_MEASURE_NLL=8192"))
    func continuationNLL() throws {
        let total = Int(ProcessInfo.processInfo.environment["PRECIS_MEASURE_NLL"] ?? "") ?? 8192
        let gguf = try GGUFFile(path: Self.modelPath!)
        let model = try Model.load(gguf)
        let tokenizer = try TokenizerLoader.load(from: gguf)
        let pattern = try HeadPattern.bundled(forModelFingerprint: gguf.fingerprint)
            ?? HeadPattern.random(layers: model.config.layerCount, kvHeads: model.config.kvHeadCount, seed: 1)
        let layout = pattern.layout(sparsity: 0.5)
        let all = Self.text(tokenizer, count: total)
        let prompt = Array(all.prefix(total - 512)), continuation = Array(all.suffix(512))
        let prefilled = Session(model: model, layout: layout, maxTokens: total, chunkSize: 512)
        try prefilled.prefill(prompt)
        let identity = SnapshotIdentity(modelFingerprint: gguf.fingerprint, tokenizerFingerprint: tokenizer.fingerprint,
                                        patternFingerprint: SnapshotIdentity.patternFingerprint(of: pattern),
                                        sparsity: 0.5, sink: layout.sink, recent: layout.recent, chunk: 512)
        print("\(prompt.count) prompt tokens, sparsity \(layout.sparsity)")
        print("| codec | snapshot bytes | continuation NLL (511 tokens) |\n| --- | --- | --- |")
        for codec in SnapshotCodec.allCases {
            let path = NSTemporaryDirectory() + "precis-nll-\(codec).pkv"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bytes = try Snapshot.write(cache: prefilled.cache, tokens: prompt, identity: identity,
                                           codec: codec, to: path)
            let restored = try Snapshot.read(path: path, expecting: identity, config: model.config, maxTokens: all.count)
            let session = Session(model: model, cache: restored.cache, chunkSize: 512)
            let nll = try NegativeLogLikelihood.evaluate(continuation, fromToken: 1, session: session)
            print("| \(codec) | \(bytes) | \(String(format: "%.4f", nll.meanNLL)) |")
        }
    }

    /// Best-of-5 time to read, verify and restore an existing snapshot of the
    /// default model (`PRECIS_MEASURE_READ=PATH`), and to verify it alone.
    @Test("read time of a kept snapshot", .enabled(if: ProcessInfo.processInfo.environment["PRECIS_MEASURE_READ"] != nil
                                                       && modelPath != nil, "set PRECIS_MEASURE_READ to a snapshot"))
    func readTime() throws {
        let path = ProcessInfo.processInfo.environment["PRECIS_MEASURE_READ"]!
        let model = try Model.load(path: Self.modelPath!)
        let header = try Snapshot.header(path: path)
        func best(_ body: () throws -> Void) rethrows -> Duration {
            var best = Duration.seconds(1000)
            for _ in 0..<5 {
                let start = ContinuousClock.now
                try body()
                best = min(best, ContinuousClock.now - start)
            }
            return best
        }
        let read = try best { _ = try Snapshot.read(path: path, expecting: header.identity, config: model.config) }
        let verify = try best { _ = try Snapshot.verify(path: path) }
        print("\(header.codec) snapshot of \(header.tokenCount) tokens: read \(read), verify \(verify)")
    }

    @Test("sizes and read times at sparsity 0.5", .enabled(if: tokenCount != nil && modelPath != nil,
                                                           "set PRECIS_MEASURE_SNAPSHOTS=8192 with the default model installed"))
    func measure() throws {
        let count = Self.tokenCount ?? 8192
        let gguf = try GGUFFile(path: Self.modelPath!)
        let model = try Model.load(gguf)
        let tokenizer = try TokenizerLoader.load(from: gguf)
        let fingerprint = gguf.fingerprint
        let pattern = try HeadPattern.bundled(forModelFingerprint: fingerprint)
            ?? HeadPattern.random(layers: model.config.layerCount, kvHeads: model.config.kvHeadCount, seed: 1)
        let layout = pattern.layout(sparsity: 0.5)
        let tokens = Self.text(tokenizer, count: count)
        let chunk = 512
        let session = Session(model: model, layout: layout, maxTokens: count + 16, chunkSize: chunk)
        let start = ContinuousClock.now
        try session.prefill(tokens)
        let prefill = ContinuousClock.now - start
        let identity = SnapshotIdentity(modelFingerprint: fingerprint, tokenizerFingerprint: tokenizer.fingerprint,
                                        patternFingerprint: SnapshotIdentity.patternFingerprint(of: pattern),
                                        sparsity: 0.5, sink: layout.sink, recent: layout.recent, chunk: chunk)
        let rows = try Snapshot.measure(cache: session.cache, tokens: tokens, identity: identity, config: model.config)
        print("\(count) tokens, prefill \(prefill), layout sparsity \(layout.sparsity), sink \(layout.sink), recent \(layout.recent)")
        print("| codec | bytes | × full f16 | write | read |\n| --- | --- | --- | --- | --- |")
        for r in rows { print(r.markdownRow) }
        if let keep = ProcessInfo.processInfo.environment["PRECIS_MEASURE_KEEP"] {
            try Snapshot.write(cache: session.cache, tokens: tokens, identity: identity, codec: .f16, to: keep)
            print("kept an f16 snapshot at \(keep)")
        }
    }
}
