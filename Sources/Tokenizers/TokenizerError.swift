/// Why a tokenizer or chat template could not be built.
public enum TokenizerError: Error, CustomStringConvertible, Equatable {
    /// `tokenizer.ggml.model` names an algorithm this build does not implement.
    case unsupportedModel(String)
    /// `tokenizer.ggml.pre` names a pre-tokenizer this build does not implement.
    case unsupportedPreTokenizer(String)
    /// A required metadata key is absent.
    case missingKey(String)
    /// Metadata is present but inconsistent (e.g. array lengths differ).
    case invalidMetadata(String)

    public var description: String {
        switch self {
        case let .unsupportedModel(kind):
            return "unsupported tokenizer model '\(kind)' (tokenizer.ggml.model); supported: gpt2 (byte-level BPE), llama (SentencePiece)"
        case let .unsupportedPreTokenizer(pre):
            return "unsupported pre-tokenizer '\(pre)' (tokenizer.ggml.pre); supported: \(PreTokenizerKind.supportedNames.joined(separator: ", "))"
        case let .missingKey(key):
            return "tokenizer metadata key '\(key)' is missing from the model file"
        case let .invalidMetadata(what):
            return "invalid tokenizer metadata: \(what)"
        }
    }
}
