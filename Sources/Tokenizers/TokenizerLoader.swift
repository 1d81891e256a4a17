import GGUF

/// Builds the right `Tokenizer` for a model file from its `tokenizer.ggml.*` metadata.
public enum TokenizerLoader {
    /// Chooses by `tokenizer.ggml.model`: "gpt2" → `BPETokenizer`, "llama" →
    /// `SentencePieceTokenizer`; anything else is a `TokenizerError.unsupportedModel`.
    public static func load(from file: GGUFFile) throws -> any Tokenizer {
        guard let model = file.string("tokenizer.ggml.model") else {
            throw TokenizerError.missingKey("tokenizer.ggml.model")
        }
        switch model {
        case "gpt2": return try loadBPE(file)
        case "llama": return try loadSentencePiece(file)
        default: throw TokenizerError.unsupportedModel(model)
        }
    }

    private static func loadBPE(_ file: GGUFFile) throws -> BPETokenizer {
        let pre = file.string("tokenizer.ggml.pre") ?? "default"
        guard let kind = PreTokenizerKind(preName: pre) else { throw TokenizerError.unsupportedPreTokenizer(pre) }
        guard let merges = try file.strings("tokenizer.ggml.merges") else {
            throw TokenizerError.missingKey("tokenizer.ggml.merges")
        }
        return try BPETokenizer(tokens: tokens(file), types: types(file), merges: merges,
                                preTokenizer: kind, special: specialIDs(file), addBOS: bool(file, "tokenizer.ggml.add_bos_token"))
    }

    private static func loadSentencePiece(_ file: GGUFFile) throws -> SentencePieceTokenizer {
        let scores = try file.numbers("tokenizer.ggml.scores")?.map { Float($0) } ?? []
        return try SentencePieceTokenizer(
            tokens: tokens(file), scores: scores, types: types(file), special: specialIDs(file),
            addBOS: bool(file, "tokenizer.ggml.add_bos_token"),
            addSpacePrefix: bool(file, "tokenizer.ggml.add_space_prefix") ?? true)
    }

    private static func tokens(_ file: GGUFFile) throws -> [String] {
        guard let tokens = try file.strings("tokenizer.ggml.tokens") else {
            throw TokenizerError.missingKey("tokenizer.ggml.tokens")
        }
        return tokens
    }

    private static func types(_ file: GGUFFile) throws -> [TokenType] {
        guard let raw = try file.numbers("tokenizer.ggml.token_type") else { return [] }
        return raw.map { TokenType(rawValue: Int32(exactly: $0) ?? 0) ?? .undefined }
    }

    private static func specialIDs(_ file: GGUFFile) -> Vocabulary.SpecialIDs {
        func id(_ name: String) -> Int32? { file.int("tokenizer.ggml.\(name)_token_id").flatMap { Int32(exactly: $0) } }
        return Vocabulary.SpecialIDs(bos: id("bos"), eos: id("eos"), eot: id("eot"), eom: id("eom"),
                                     fimPad: id("fim_pad"), fimRep: id("fim_rep"), fimSep: id("fim_sep"))
    }

    private static func bool(_ file: GGUFFile, _ key: String) -> Bool? {
        guard let value = file.metadata[key] else { return nil }
        return value.bool ?? value.int.map { $0 != 0 }
    }
}
