/// GPT-2 style byte-level BPE, as llama.cpp runs it for `tokenizer.ggml.model == "gpt2"`.
///
/// Text is split into special tokens and plain fragments, fragments into
/// words by the pre-tokenizer of `tokenizer.ggml.pre`, and each word's bytes
/// are merged by rank. Results equal llama.cpp's `llama_tokenize` token for token.
public struct BPETokenizer: PieceTableTokenizer {
    public let vocabulary: Vocabulary
    public let preTokenizerKind: PreTokenizerKind
    public let addBOS: Bool
    public let fingerprint: String
    private let preTokenizer: PreTokenizer
    private let merges: BPEMergeTable
    /// Decoded bytes of every token (special tokens: their text).
    let pieces: [[UInt8]]
    /// Raw word bytes → id, for pre-tokenizers that let whole vocabulary words skip the merges.
    private let wholeWords: [[UInt8]: Int32]

    /// Builds the tokenizer from the vocabulary arrays of a GGUF file.
    /// - Parameters:
    ///   - merges: `tokenizer.ggml.merges`, "left right" strings by rank.
    ///   - addBOS: `tokenizer.ggml.add_bos_token`; nil uses the family default.
    public init(tokens: [String], types: [TokenType] = [], merges: [String],
                preTokenizer: PreTokenizerKind, special: Vocabulary.SpecialIDs, addBOS: Bool? = nil) throws {
        var special = special
        if special.bos == nil { special.bos = 11 }
        if special.eos == nil { special.eos = 11 }
        let vocabulary = try Vocabulary(tokens: tokens, types: types, special: special)
        self.vocabulary = vocabulary
        self.preTokenizerKind = preTokenizer
        self.preTokenizer = PreTokenizer(kind: preTokenizer)
        self.addBOS = addBOS ?? (preTokenizer == .llama3)
        self.merges = BPEMergeTable(merges: merges, vocabulary: vocabulary)
        self.pieces = Self.decodedPieces(vocabulary)
        self.wholeWords = preTokenizer.ignoresMerges ? Self.wholeWordTable(vocabulary) : [:]
        self.fingerprint = TokenizerFingerprint.compute(kind: "gpt2", pre: preTokenizer.rawValue,
                                                        vocabulary: vocabulary, extra: merges)
    }

    public var kind: String { "gpt2" }

    public func encode(_ text: String, parseSpecial: Bool) -> [Int32] {
        let bytes = Array(text.utf8)
        var output: [Int32] = []
        output.reserveCapacity(bytes.count / 3 + 4)
        var cache: [[UInt8]: [Int32]] = [:]
        for fragment in SpecialTokenSplitter.split(bytes, specials: vocabulary.specials, parseSpecial: parseSpecial) {
            switch fragment {
            case let .token(id): output.append(id)
            case let .text(range): encodeFragment(Array(bytes[range]), into: &output, cache: &cache)
            }
        }
        return output
    }

    private func encodeFragment(_ bytes: [UInt8], into output: inout [Int32], cache: inout [[UInt8]: [Int32]]) {
        let text = ScalarText(bytes: bytes)
        var start = 0
        for end in preTokenizer.wordEnds(text) {
            let word = Array(bytes[Int(text.byteOffsets[start])..<Int(text.byteOffsets[end])])
            start = end
            if let ids = cache[word] {
                output += ids
                continue
            }
            let ids = encodeWord(word)
            cache[word] = ids
            output += ids
        }
    }

    /// The ids of one pre-tokenized word.
    private func encodeWord(_ word: [UInt8]) -> [Int32] {
        if let id = wholeWords[word] { return [id] }
        let symbols = merges.apply(word.map { merges.byteSymbol[Int($0)] })
        var ids: [Int32] = []
        ids.reserveCapacity(symbols.count)
        for symbol in symbols {
            if Int(symbol) < vocabulary.count {
                ids.append(symbol)
            } else {
                appendUnknownSymbol(symbol, to: &ids)
            }
        }
        return ids
    }

    /// A symbol missing from the vocabulary falls back to single-byte entries
    /// of its spelling, skipping those that do not exist (llama.cpp's behaviour).
    private func appendUnknownSymbol(_ symbol: Int32, to ids: inout [Int32]) {
        let index = Int(symbol) - vocabulary.count
        guard index < merges.syntheticTexts.count else { return }
        for byte in merges.syntheticTexts[index].utf8 where byte < 0x80 {
            if let id = vocabulary.id(of: String(UnicodeScalar(byte))) { ids.append(id) }
        }
    }

    public func decode(_ ids: [Int32], skipSpecial: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids { bytes += tokenBytes(id, skipSpecial: skipSpecial) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func decodedPieces(_ vocabulary: Vocabulary) -> [[UInt8]] {
        zip(vocabulary.tokens, vocabulary.types).map { text, type in
            switch type {
            case .control, .userDefined, .unknown: return Array(text.utf8)
            case .normal: return ByteEncoder.decode(text) ?? Array(text.utf8)
            case .undefined, .unused, .byte: return []
            }
        }
    }

    private static func wholeWordTable(_ vocabulary: Vocabulary) -> [[UInt8]: Int32] {
        var table: [[UInt8]: Int32] = [:]
        for (i, text) in vocabulary.tokens.enumerated() {
            if let raw = ByteEncoder.decode(text) { table[raw] = Int32(i) }
        }
        return table
    }
}
