import Foundation
import Inference

/// Throughput of the engine measured the way llama.cpp's bench does:
/// prefill of one chunk at depth 0, single-token decoding at given depths.
public struct EngineBenchmark {
    public struct Result: Codable, Sendable {
        public var prefillTokS: Double
        /// Decode tok/s keyed by depth (tokens already in the cache).
        public var decodeTokS: [String: Double]
        /// Prefill tok/s of the last 512-token chunk that brings the cache to each depth ≥ 1024.
        public var prefillAtDepthTokS: [String: Double] = [:]
        /// KV cache bytes held at each decode depth (after the decoded tokens).
        public var kvBytes: [String: Int] = [:]
        /// K/V bytes one decode step's attention reads at each depth (the
        /// rows each head attends to).
        public var attendedBytes: [String: Int] = [:]
        /// Tok/s of prefilling a whole document of `documentTokens` tokens from an empty cache.
        public var documentPrefillTokS: Double?
        public var peakMemoryBytes: Int

        enum CodingKeys: String, CodingKey {
            case prefillTokS = "prefill_tok_s", decodeTokS = "decode_tok_s", prefillAtDepthTokS = "prefill_at_depth_tok_s",
                 kvBytes = "kv_bytes", attendedBytes = "attended_bytes", documentPrefillTokS = "document_prefill_tok_s",
                 peakMemoryBytes = "peak_memory_bytes"
        }
    }

    public var model: Model
    public var prefillTokens = 512
    public var decodeTokens = 64
    public var chunkSize = 512
    /// Length of a whole document to prefill, chunk after chunk (nil: not measured).
    public var documentTokens: Int?
    public var numerics = Numerics.exact
    /// DuoAttention head kinds (nil: full attention).
    public var layout: HeadLayout?

    public init(model: Model) { self.model = model }

    /// Runs prefill at depth 0 and decoding at 0 and each of `depths`.
    public func run(depths: [Int], progress: (String) -> Void = { _ in }) throws -> Result {
        var rng = SplitMix64(seed: 1)
        let vocab = UInt64(model.config.vocabSize)
        func tokens(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32(100 + rng.next() % (vocab - 101)) } }
        let maxTokens = ([prefillTokens, documentTokens ?? 0] + depths.map { $0 + decodeTokens + 8 }).max()!

        progress("warm-up")
        let warm = Session(model: model, layout: layout, maxTokens: maxTokens, chunkSize: chunkSize, numerics: numerics)
        try warm.prefill(tokens(64))

        progress("prefill \(prefillTokens) tokens")
        let session = Session(model: model, layout: layout, maxTokens: maxTokens, chunkSize: chunkSize, numerics: numerics)
        let prompt = tokens(prefillTokens)
        let t0 = Date()
        try session.prefill(prompt)
        let prefill = Double(prefillTokens) / Date().timeIntervalSince(t0)

        var decode: [String: Double] = [:], kv: [String: Int] = [:], attended: [String: Int] = [:]
        var prefillAt: [String: Double] = [:]
        for depth in [0] + depths.sorted() {
            progress("decode \(decodeTokens) tokens at depth \(depth)")
            let session = Session(model: model, layout: layout, maxTokens: maxTokens, chunkSize: chunkSize, numerics: numerics)
            if depth >= 2 * prefillTokens {
                try session.prefill(tokens(depth - prefillTokens))
                let t = Date()
                try session.prefill(tokens(prefillTokens))
                prefillAt[String(depth)] = Double(prefillTokens) / Date().timeIntervalSince(t)
            } else if depth > 0 {
                try session.prefill(tokens(depth))
            }
            let steps = tokens(decodeTokens)
            let t = Date()
            for token in steps { _ = try session.step(token) }
            decode[String(depth)] = Double(decodeTokens) / Date().timeIntervalSince(t)
            kv[String(depth)] = session.cache.bytes()
            attended[String(depth)] = session.cache.attendedBytes()
        }
        var document: Double?
        if let documentTokens {
            progress("prefill a document of \(documentTokens) tokens")
            let session = Session(model: model, layout: layout, maxTokens: maxTokens, chunkSize: chunkSize, numerics: numerics)
            let text = tokens(documentTokens)
            let t = Date()
            try session.prefill(text)
            document = Double(documentTokens) / Date().timeIntervalSince(t)
        }
        return Result(prefillTokS: prefill, decodeTokS: decode, prefillAtDepthTokS: prefillAt, kvBytes: kv,
                      attendedBytes: attended, documentPrefillTokS: document, peakMemoryBytes: PeakMemory.bytes())
    }
}

/// Peak resident memory of this process.
public enum PeakMemory {
    public static func bytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}
