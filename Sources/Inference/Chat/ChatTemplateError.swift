/// Why a chat template could not be chosen.
public enum ChatTemplateError: Error, CustomStringConvertible, Equatable {
    /// The model's `tokenizer.chat_template` matches no supported family.
    case unrecognizedTemplate(excerpt: String)
    /// The model has no `tokenizer.chat_template` and no override was given.
    case missingTemplate
    /// `--template NAME` names no supported family.
    case unknownName(String)

    public var description: String {
        let names = ChatTemplate.Family.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case let .unrecognizedTemplate(excerpt):
            return "unrecognized chat template (\(excerpt.debugDescription)…); pass --template NAME with one of: \(names)"
        case .missingTemplate:
            return "the model has no chat template (tokenizer.chat_template); pass --template NAME with one of: \(names)"
        case let .unknownName(name):
            return "unknown chat template '\(name)'; choose one of: \(names)"
        }
    }
}
