/// A model's vocabulary: token strings, their types and scores, and the
/// special ids derived from them the way llama.cpp derives them.
///
/// Shared by both tokenizer algorithms; built from plain arrays so tests can
/// construct small synthetic vocabularies without a GGUF file.
public struct Vocabulary: Sendable {
    /// Raw vocabulary entries, indexed by id.
    public let tokens: [String]
    /// Entry kinds; control-looking end tokens are promoted to `.control`.
    public let types: [TokenType]
    /// SentencePiece scores (zero for BPE vocabularies).
    public let scores: [Float]
    public let bosID: Int32?
    public let eosID: Int32?
    /// End-of-generation ids: EOS, EOT, EOM, FIM separators and the known end tokens by name.
    public let eogIDs: Set<Int32>
    /// Id of each entry's text; a repeated entry maps to its last id, as in llama.cpp.
    let idOfText: [String: Int32]
    /// Special tokens in the order they are split out of text: longest first.
    let specials: [SpecialToken]

    /// One splittable special token.
    struct SpecialToken: Sendable {
        let id: Int32
        let bytes: [UInt8]
        /// Control and unknown tokens are only split when special parsing is on;
        /// user-defined tokens always are.
        let needsParseSpecial: Bool
    }

    /// Special token ids from metadata; nil entries are found by name where possible.
    public struct SpecialIDs: Sendable {
        public var bos: Int32?, eos: Int32?, eot: Int32?, eom: Int32?
        public var fimPad: Int32?, fimRep: Int32?, fimSep: Int32?
        public init(bos: Int32? = nil, eos: Int32? = nil, eot: Int32? = nil, eom: Int32? = nil,
                    fimPad: Int32? = nil, fimRep: Int32? = nil, fimSep: Int32? = nil) {
            self.bos = bos; self.eos = eos; self.eot = eot; self.eom = eom
            self.fimPad = fimPad; self.fimRep = fimRep; self.fimSep = fimSep
        }
    }

    /// Builds a vocabulary. `types` and `scores` may be empty (all normal, all zero).
    public init(tokens: [String], types: [TokenType] = [], scores: [Float] = [], special: SpecialIDs) throws {
        guard !tokens.isEmpty else { throw TokenizerError.invalidMetadata("the token list is empty") }
        guard types.isEmpty || types.count == tokens.count else {
            throw TokenizerError.invalidMetadata("\(types.count) token types for \(tokens.count) tokens")
        }
        guard scores.isEmpty || scores.count == tokens.count else {
            throw TokenizerError.invalidMetadata("\(scores.count) scores for \(tokens.count) tokens")
        }
        self.tokens = tokens
        self.scores = scores.isEmpty ? [Float](repeating: 0, count: tokens.count) : scores
        var idOfText: [String: Int32] = [:]
        idOfText.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() { idOfText[t] = Int32(i) }
        self.idOfText = idOfText

        let n = Int32(tokens.count)
        func valid(_ id: Int32?) -> Int32? { id.flatMap { (0..<n).contains($0) ? $0 : nil } }
        var types = types.isEmpty ? [TokenType](repeating: .normal, count: tokens.count) : types
        let eog = EndTokens.find(tokens: tokens, idOfText: idOfText, ids: special, types: &types, valid: valid)
        self.types = types
        self.bosID = valid(special.bos)
        self.eosID = valid(special.eos)
        self.eogIDs = eog
        self.specials = Self.specialTokens(tokens: tokens, types: types)
    }

    public var count: Int { tokens.count }

    /// The id of an exact vocabulary entry.
    public func id(of text: String) -> Int32? { idOfText[text] }

    /// The type of `id`, or nil when out of range.
    public func type(of id: Int32) -> TokenType? {
        (0..<Int32(types.count)).contains(id) ? types[Int(id)] : nil
    }

    private static func specialTokens(tokens: [String], types: [TokenType]) -> [SpecialToken] {
        var list: [SpecialToken] = []
        for (i, type) in types.enumerated() where type.isSpecial {
            list.append(SpecialToken(id: Int32(i), bytes: Array(tokens[i].utf8),
                                     needsParseSpecial: type != .userDefined))
        }
        return list.sorted { a, b in
            a.bytes.count != b.bytes.count ? a.bytes.count > b.bytes.count : a.id < b.id
        }
    }
}

/// llama.cpp's rules for which tokens end generation.
enum EndTokens {
    static let eotNames: Set<String> = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>",
        "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>",
    ]
    static let eogNames: Set<String> = [
        "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
        "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
        "<|end_of_text|>", "<end_of_utterance>",
    ]
    static let fimPadNames: Set<String> = ["<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"]
    static let fimRepNames: Set<String> = ["<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"]
    static let fimSepNames: Set<String> = ["<|file_sep|>"]

    static func find(tokens: [String], idOfText: [String: Int32], ids: Vocabulary.SpecialIDs,
                     types: inout [TokenType], valid: (Int32?) -> Int32?) -> Set<Int32> {
        func byName(_ names: Set<String>) -> Int32? {
            names.compactMap { idOfText[$0] }.min()
        }
        let eot = valid(ids.eot) ?? byName(eotNames)
        let eom = valid(ids.eom) ?? byName(["<|eom_id|>"])
        var eog = Set<Int32>()
        for id in [valid(ids.fimPad) ?? byName(fimPadNames), valid(ids.fimRep) ?? byName(fimRepNames),
                   valid(ids.fimSep) ?? byName(fimSepNames)] {
            if let id { eog.insert(id) }
        }
        for name in eogNames { if let id = idOfText[name] { eog.insert(id) } }
        for id in [eot, eom].compactMap({ $0 }) + Array(eog) where types[Int(id)] != .control {
            types[Int(id)] = .control
        }
        for id in [valid(ids.eos), eot, eom].compactMap({ $0 }) { eog.insert(id) }
        dropHarmonyEnd(&eog, tokens: tokens, types: &types)
        return eog
    }

    /// With `<|return|>`+`<|call|>` (or `<|calls|>`+`<|flush|>`) present, `<|end|>` only ends a message, not generation.
    private static func dropHarmonyEnd(_ eog: inout Set<Int32>, tokens: [String], types: inout [TokenType]) {
        let names = Set(eog.map { tokens[Int($0)] })
        let harmony = names.contains("<|return|>") && names.contains("<|call|>")
        let solar = names.contains("<|calls|>") && names.contains("<|flush|>")
        guard harmony || solar, let end = eog.first(where: { tokens[Int($0)] == "<|end|>" }) else { return }
        eog.remove(end)
        types[Int(end)] = .userDefined
    }
}
