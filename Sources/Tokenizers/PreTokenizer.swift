/// The pre-tokenizer families of `tokenizer.ggml.pre`, each a fixed sequence
/// of splitting rules (llama.cpp's `regex_exprs` for that family).
public enum PreTokenizerKind: String, Sendable, CaseIterable {
    /// GPT-2's regex after isolating every digit (SmolLM, StarCoder, Refact, Command-R).
    case smollm
    /// Llama-3: 1–3 digit groups, newline-aware whitespace; whole words found in
    /// the vocabulary skip the merges.
    case llama3
    /// Qwen-2: Llama-3's regex with single digits.
    case qwen2
    /// GPT-2's regex alone.
    case gpt2
    /// llama.cpp's fallback: punctuation runs, GPT-2's regex, number runs, digit triples.
    case `default`

    /// Maps a `tokenizer.ggml.pre` value to its family; nil when unknown.
    public init?(preName: String) {
        guard let kind = Self.aliases[preName] else { return nil }
        self = kind
    }

    /// Every accepted `tokenizer.ggml.pre` value.
    public static var supportedNames: [String] { aliases.keys.sorted() }

    private static let aliases: [String: PreTokenizerKind] = {
        var map: [String: PreTokenizerKind] = [:]
        for name in ["smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b"] {
            map[name] = .smollm
        }
        for name in ["llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2"] {
            map[name] = .llama3
        }
        for name in ["qwen2", "deepseek-r1-qwen", "kormo", "stablelm2", "megrez", "hunyuan"] {
            map[name] = .qwen2
        }
        for name in ["gpt2", "gpt-2", "phi-2", "mpt", "olmo", "jais", "jina-es", "jina-de", "gigachat",
                     "jina-v2-es", "jina-v2-de", "exaone4"] {
            map[name] = .gpt2
        }
        map["default"] = .default
        return map
    }()

    /// The rules applied in order, each refining the pieces of the previous one.
    var rules: [SplitRule] {
        switch self {
        case .smollm: [.isolateNumbers, .gpt2]
        case .llama3: [.llama3(maxDigits: 3)]
        case .qwen2: [.llama3(maxDigits: 1)]
        case .gpt2: [.gpt2]
        case .default: [.punctuationRuns, .gpt2, .numberRuns, .asciiDigitTriples]
        }
    }

    /// Whether a word that is itself a vocabulary entry bypasses the merges
    /// (llama.cpp's `ignore_merges`, set for the Llama-3 family).
    var ignoresMerges: Bool {
        self == .llama3
    }
}

/// Splits text into the words BPE merges within.
struct PreTokenizer: Sendable {
    let rules: [SplitRule]

    init(kind: PreTokenizerKind) { rules = kind.rules }

    /// End positions (code-point indices) of the words of `text`.
    func wordEnds(_ text: ScalarText) -> [Int] {
        var ends = text.count > 0 ? [text.count] : []
        for rule in rules {
            var refined: [Int] = []
            refined.reserveCapacity(ends.count * 2 + 16)
            var start = 0
            for end in ends {
                rule.split(text, from: start, to: end, into: &refined)
                start = end
            }
            ends = refined
        }
        return ends
    }
}
