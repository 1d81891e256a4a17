/// A text ↔ token-id codec for one model's vocabulary.
///
/// Implementations are immutable after loading and safe to share across
/// threads. `encode` never adds BOS by itself: callers prepend `bosID` when
/// `addBOS` is true, so prompt assembly stays in one place.
public protocol Tokenizer: Sendable {
    /// The tokenizer family as written in `tokenizer.ggml.model` ("gpt2", "llama").
    var kind: String { get }
    /// Number of entries in the vocabulary.
    var vocabularySize: Int { get }
    /// Beginning-of-sequence token, if the model has one.
    var bosID: Int32? { get }
    /// End-of-sequence token, if the model has one.
    var eosID: Int32? { get }
    /// Every token that ends generation (EOS, `<|im_end|>`, `<|eot_id|>`, …).
    var eogIDs: Set<Int32> { get }
    /// Whether prompts should start with `bosID` (`tokenizer.ggml.add_bos_token`).
    var addBOS: Bool { get }
    /// A stable hash of the vocabulary and merge rules, for snapshot compatibility checks.
    var fingerprint: String { get }

    /// Splits `text` into token ids. With `parseSpecial`, control tokens written
    /// in the text (e.g. `<|im_start|>`) become their ids; otherwise they are
    /// tokenized as plain text.
    func encode(_ text: String, parseSpecial: Bool) -> [Int32]
    /// The UTF-8 bytes a token stands for. Control tokens render as their text
    /// unless `skipSpecial`; ids outside the vocabulary render as nothing.
    func tokenBytes(_ id: Int32, skipSpecial: Bool) -> [UInt8]
    /// The raw vocabulary entry of `id` (e.g. "Ġthe", "▁the", "<|im_end|>").
    func tokenText(_ id: Int32) -> String?
    /// The id whose raw vocabulary entry is exactly `text`.
    func tokenID(forText text: String) -> Int32?
    /// Whether `id` is a control, unknown or user-defined token.
    func isSpecial(_ id: Int32) -> Bool
    /// Joins the bytes of `ids` into text; invalid UTF-8 becomes U+FFFD.
    func decode(_ ids: [Int32], skipSpecial: Bool) -> String
    /// Whether decoding drops one leading space from the first text token
    /// (the dummy prefix SentencePiece adds when encoding).
    var stripsLeadingSpace: Bool { get }
}

extension Tokenizer {
    /// Joins the bytes of `ids` into text, rendering special tokens as their text.
    public func decode(_ ids: [Int32]) -> String { decode(ids, skipSpecial: false) }

    /// The bytes of one token, special tokens rendered as their text.
    public func tokenBytes(_ id: Int32) -> [UInt8] { tokenBytes(id, skipSpecial: false) }

    /// `encode` with special-token parsing on, plus BOS when the model wants it.
    public func encodePrompt(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        if addBOS, let bos = bosID { ids.append(bos) }
        ids += encode(text, parseSpecial: true)
        return ids
    }

    public var stripsLeadingSpace: Bool { false }

    /// Whether `id` ends generation.
    public func isEndOfGeneration(_ id: Int32) -> Bool { eogIDs.contains(id) }
}

/// The kind of a vocabulary entry (`tokenizer.ggml.token_type`).
public enum TokenType: Int32, Sendable {
    case undefined = 0, normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6

    /// Tokens that are split out of raw text before the model-specific algorithm runs.
    var isSpecial: Bool { self == .control || self == .userDefined || self == .unknown }
}
