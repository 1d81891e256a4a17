/// SentencePiece-style BPE, as llama.cpp runs it for `tokenizer.ggml.model == "llama"`
/// (Llama-2, Mistral, TinyLlama).
///
/// Spaces become "▁", a dummy space is prepended to text at the start and
/// after special tokens (`tokenizer.ggml.add_space_prefix`), adjacent symbols
/// are merged while the merged text is a vocabulary entry, highest score
/// first, and characters that never form an entry fall back to `<0xXX>` byte tokens.
public struct SentencePieceTokenizer: PieceTableTokenizer {
    public let vocabulary: Vocabulary
    public let addBOS: Bool
    public let addSpacePrefix: Bool
    public let fingerprint: String
    /// Decoded bytes of every token.
    let pieces: [[UInt8]]
    /// Id of each vocabulary entry by its UTF-8 bytes.
    private let idOfBytes: [[UInt8]: Int32]
    /// The `<0xXX>` token of each byte (or the one-character entry), if any.
    private let byteTokens: [Int32?]

    /// Builds the tokenizer from plain arrays (as stored in GGUF).
    /// - Parameters:
    ///   - scores: merge priority of each token (higher merges first).
    ///   - addBOS: nil uses SentencePiece's default (true).
    public init(tokens: [String], scores: [Float], types: [TokenType] = [],
                special: Vocabulary.SpecialIDs = .init(), addBOS: Bool? = nil, addSpacePrefix: Bool = true) throws {
        var special = special
        if special.bos == nil, tokens.count > 1 { special.bos = 1 }
        if special.eos == nil, tokens.count > 2 { special.eos = 2 }
        let vocabulary = try Vocabulary(tokens: tokens, types: types, scores: scores, special: special)
        self.vocabulary = vocabulary
        self.addBOS = addBOS ?? true
        self.addSpacePrefix = addSpacePrefix
        var idOfBytes: [[UInt8]: Int32] = [:]
        for (i, t) in tokens.enumerated() { idOfBytes[Array(t.utf8)] = Int32(i) }
        self.idOfBytes = idOfBytes
        self.byteTokens = (0..<256).map { b in
            idOfBytes[Array(Self.byteTokenName(UInt8(b)).utf8)] ?? (b < 0x80 ? idOfBytes[[UInt8(b)]] : nil)
        }
        self.pieces = zip(tokens, vocabulary.types).map { Self.piece(text: $0, type: $1) }
        self.fingerprint = TokenizerFingerprint.compute(kind: "llama", pre: addSpacePrefix ? "prefix" : "noprefix",
                                                        vocabulary: vocabulary, extra: [])
    }

    public var kind: String { "llama" }

    public func encode(_ text: String, parseSpecial: Bool) -> [Int32] {
        let bytes = Array(text.utf8)
        var output: [Int32] = []
        var previousWasSpecial = true
        for fragment in SpecialTokenSplitter.split(bytes, specials: vocabulary.specials, parseSpecial: parseSpecial) {
            switch fragment {
            case let .token(id):
                output.append(id)
                previousWasSpecial = true
            case let .text(range):
                var escaped: [UInt8] = addSpacePrefix && previousWasSpecial ? Self.spaceMark : []
                for b in bytes[range] {
                    if b == 0x20 { escaped += Self.spaceMark } else { escaped.append(b) }
                }
                encodeEscaped(escaped, into: &output)
                previousWasSpecial = false
            }
        }
        return output
    }

    /// Runs the score-ordered merges over one escaped fragment.
    private func encodeEscaped(_ text: [UInt8], into output: inout [Int32]) {
        var merger = SentencePieceMerger(text: text) { bytes in
            self.idOfBytes[bytes].map { self.vocabulary.scores[Int($0)] }
        }
        merger.run()
        for range in merger.finalSymbols() {
            let bytes = Array(text[range])
            if let id = idOfBytes[bytes] {
                output.append(id)
            } else {
                for b in bytes { if let id = byteTokens[Int(b)] { output.append(id) } }
            }
        }
    }

    /// Joins the pieces; the dummy space added by `encode` is removed from the
    /// first token after an optional leading BOS, so decoding reverses encoding.
    public func decode(_ ids: [Int32], skipSpecial: Bool) -> String {
        var decoder = StreamingDecoder(tokenizer: self, skipSpecial: skipSpecial)
        var text = ""
        for id in ids { text += decoder.append(id) }
        return text + decoder.finish()
    }

    public var stripsLeadingSpace: Bool { addSpacePrefix }

    static let spaceMark: [UInt8] = [0xE2, 0x96, 0x81]

    static func byteTokenName(_ b: UInt8) -> String {
        let hex = String(b, radix: 16, uppercase: true)
        return "<0x" + (hex.count == 1 ? "0" + hex : hex) + ">"
    }

    private static func piece(text: String, type: TokenType) -> [UInt8] {
        switch type {
        case .control, .userDefined, .unknown: return Array(text.utf8)
        case .normal: return unescapeSpaces(Array(text.utf8))
        case .byte: return parseByteToken(text).map { [$0] } ?? []
        case .undefined, .unused: return []
        }
    }

    /// Replaces every "▁" with a space.
    private static func unescapeSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x96, bytes[i + 2] == 0x81 {
                out.append(0x20)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    private static func parseByteToken(_ text: String) -> UInt8? {
        let u = Array(text.utf8)
        guard u.count == 6, u[0] == 0x3C, u[1] == 0x30, u[2] == 0x78, u[5] == 0x3E else { return nil }
        return UInt8(String(decoding: u[3...4], as: UTF8.self), radix: 16)
    }
}
