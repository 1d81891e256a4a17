#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Inference

/// Measures tokenizer throughput, for `precis bench` (kept out of tests so
/// timing never makes a test flaky).
public enum TokenizerBenchmark {
    /// One measurement.
    public struct Result: Sendable, CustomStringConvertible {
        public let bytes: Int
        public let tokens: Int
        /// Best wall-clock time of the encode runs.
        public let encodeSeconds: Double
        /// Best wall-clock time of decoding the tokens back.
        public let decodeSeconds: Double
        /// Whether decoding reproduced the input exactly.
        public let roundTrips: Bool

        public var description: String {
            let mb = Double(bytes) / 1_000_000
            func f(_ x: Double) -> String { String(Double(Int(x * 1000)) / 1000) }
            return "tokenize \(f(mb)) MB → \(tokens) tokens in \(f(encodeSeconds)) s (\(f(mb / encodeSeconds)) MB/s); "
                + "detokenize \(f(decodeSeconds)) s; round trip \(roundTrips ? "exact" : "MISMATCH")"
        }
    }

    /// Encodes `text` (default: 1 MB of generated English prose) `repeats`
    /// times and decodes it back, keeping the best times.
    public static func run(tokenizer: any Tokenizer, text: String? = nil, repeats: Int = 3) -> Result {
        let input = text ?? sampleText(bytes: 1_000_000)
        var ids: [Int32] = []
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = now()
            ids = tokenizer.encode(input, parseSpecial: false)
            best = min(best, now() - start)
        }
        let start = now()
        let decoded = tokenizer.decode(ids)
        let decodeTime = now() - start
        return Result(bytes: input.utf8.count, tokens: ids.count, encodeSeconds: best,
                      decodeSeconds: decodeTime, roundTrips: decoded == input)
    }

    /// Summary line for the CLI.
    public static func run(tokenizer: any Tokenizer) -> String {
        run(tokenizer: tokenizer, text: nil, repeats: 3).description
    }

    /// Deterministic English-like prose of about `bytes` bytes: sentences of
    /// common words with capitals, punctuation, numbers and paragraph breaks.
    public static func sampleText(bytes: Int) -> String {
        var rng = SplitMix64(seed: 0x5EED)
        var out = ""
        out.reserveCapacity(bytes + 200)
        var sentence = 0
        while out.utf8.count < bytes {
            let length = 6 + Int(rng.next() % 18)
            for w in 0..<length {
                var word = words[Int(rng.next() % UInt64(words.count))]
                if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                if rng.next() % 40 == 0 { word = String(rng.next() % 5000) }
                out += w == 0 ? word : " " + word
                if w < length - 1 && rng.next() % 12 == 0 { out += "," }
            }
            out += [".", ".", ".", "?", "!", ";"][Int(rng.next() % 6)]
            sentence += 1
            out += sentence % 7 == 0 ? "\n\n" : " "
        }
        return out
    }

    private static let words: [String] = """
    the of and to a in that is was he for it with as his on be at by I this had not are but from or have an \
    they which one you were her all she there would their we him been has when who will more no if out so said \
    what up its about into than them can only other new some could time these two may then do first any my now \
    such like our over man me even most made after also did many before must through back years where much your \
    way well down should because each just those people how too little state good very make world still own see \
    men work long get here between both life being under never day same another know while last might us great \
    old year off come since against go came right used take three founders startup investors essay programming \
    language software company market believe problem question important different ideas writing computer doesn't \
    isn't they're we'll you've it's what's
    """.split(separator: " ").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
