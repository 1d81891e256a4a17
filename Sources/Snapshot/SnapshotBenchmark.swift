import Foundation
import Inference

/// What snapshots of a prefilled document cost and save: for each codec, the
/// file's size against a full-attention f16 cache of the same tokens, the
/// time to load it into a ready session against the time the prefill took
/// in the same run, and the NLL of a continuation decoded after it against
/// the NLL after the original (never saved) cache.
public struct SnapshotBenchmark {
    public struct Row: Sendable, Encodable {
        public var codec: String
        public var bytes: Int
        /// `bytes` over a full-attention f16 cache of the same tokens.
        public var ratio: Double
        public var writeSeconds: Double
        /// Best time to read, verify and restore the cache and open a session on it.
        public var readySeconds: Double
        /// Prefill seconds over `readySeconds`.
        public var speedup: Double
        /// Mean NLL of the continuation after the restored cache.
        public var continuationNLL: Double
    }

    public struct Result: Sendable, Encodable {
        public var tokens: Int
        public var continuationTokens: Int
        public var prefillSeconds: Double
        /// Bytes of a full-attention f16 cache of the same tokens (what llama.cpp's state file holds).
        public var fullCacheBytes: Int
        /// Bytes the DuoAttention cache holds in memory.
        public var memoryBytes: Int
        /// NLL of the continuation after the in-memory cache.
        public var baselineNLL: Double
        public var rows: [Row]
    }

    public let model: Model
    public let layout: HeadLayout
    public let identity: SnapshotIdentity
    public var codecs = SnapshotCodec.allCases
    public var repeats = 3

    public init(model: Model, layout: HeadLayout, identity: SnapshotIdentity) {
        self.model = model
        self.layout = layout
        self.identity = identity
    }

    /// Prefills `document`, then measures every codec; `continuation` is
    /// scored after each restored cache (its first token unscored: the
    /// prefill returns no logits for it). `progress` gets one line per phase.
    public func run(document: [Int32], continuation: [Int32], directory: String = NSTemporaryDirectory(),
                    progress: (String) -> Void = { _ in }) throws -> Result {
        let maxTokens = document.count + continuation.count
        let session = Session(model: model, layout: layout, maxTokens: maxTokens, chunkSize: identity.chunk)
        progress("prefilling \(document.count) tokens")
        var clock = ContinuousClock.now
        try session.prefill(document)
        let prefillSeconds = clock.secondsElapsed
        progress(String(format: "prefilled in %.1f s; scoring the continuation after the in-memory cache", prefillSeconds))
        let baseline = try nll(continuation, cache: session.cache.fork())
        var rows: [Row] = []
        for codec in codecs {
            let path = "\(directory)/precis-bench-\(UUID().uuidString).pkv"
            defer { try? FileManager.default.removeItem(atPath: path) }
            clock = ContinuousClock.now
            let bytes = try Snapshot.write(cache: session.cache, tokens: document, identity: identity, codec: codec, to: path)
            let write = clock.secondsElapsed
            var best = Double.infinity, restored: HybridKVCache?
            for _ in 0..<max(1, repeats) {
                clock = ContinuousClock.now
                let cache = try Snapshot.read(path: path, expecting: identity, config: model.config, layout: layout,
                                              maxTokens: maxTokens, headroom: continuation.count).cache
                _ = Session(model: model, cache: cache, chunkSize: identity.chunk)
                best = min(best, clock.secondsElapsed)
                restored = cache
            }
            progress("\(codec): \(bytes) bytes; scoring the continuation")
            let full = session.cache.fullBytes(forTokens: document.count)
            rows.append(Row(codec: codec.description, bytes: bytes, ratio: Double(bytes) / Double(full), writeSeconds: write,
                            readySeconds: best, speedup: prefillSeconds / best,
                            continuationNLL: try nll(continuation, cache: restored!)))
        }
        return Result(tokens: document.count, continuationTokens: continuation.count, prefillSeconds: prefillSeconds,
                      fullCacheBytes: session.cache.fullBytes(forTokens: document.count),
                      memoryBytes: session.cache.bytes(), baselineNLL: baseline, rows: rows)
    }

    private func nll(_ tokens: [Int32], cache: HybridKVCache) throws -> Double {
        try NegativeLogLikelihood.evaluate(tokens, fromToken: 1, session: Session(model: model, cache: cache,
                                                                                  chunkSize: identity.chunk)).meanNLL
    }

}

extension SnapshotBenchmark.Result {
    /// A Markdown table of the rows, with the baseline and the prefill time.
    public var markdown: String {
        var lines = [
            "\(tokens) tokens; prefill \(String(format: "%.1f s", prefillSeconds)); full-attention f16 cache "
                + "\(fullCacheBytes) bytes, DuoAttention cache in memory \(memoryBytes) bytes "
                + "(\(String(format: "%.3f", Double(memoryBytes) / Double(max(1, fullCacheBytes))))×)",
            "continuation NLL over \(continuationTokens - 1) tokens after the in-memory cache: \(String(format: "%.4f", baselineNLL))",
            "",
            "| codec | bytes | × full f16 | write | load + ready | × faster than prefill | continuation NLL | Δ NLL |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in rows {
            lines.append("| \(r.codec) | \(r.bytes) | " + String(format: "%.3f× | %.0f ms | %.0f ms | %.0f× | %.4f | %+.4f |",
                                                                r.ratio, r.writeSeconds * 1000, r.readySeconds * 1000,
                                                                r.speedup, r.continuationNLL, r.continuationNLL - baselineNLL))
        }
        return lines.joined(separator: "\n")
    }
}
