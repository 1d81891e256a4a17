import Inference
/// Why haystack text or a passkey prompt could not be made.
public enum PasskeyError: Error, CustomStringConvertible, Equatable {
    /// The haystack directory cannot be listed.
    case cannotReadDirectory(path: String, reason: String)
    /// The haystack directory holds no text files.
    case noTextFiles(directory: String)
    /// A haystack file cannot be read.
    case cannotReadFile(path: String, reason: String)
    /// The haystack has no text (or tokenizes to nothing).
    case emptyHaystack(source: String)
    /// The requested length cannot hold the needles and questions.
    case tooShort(length: Int, minimum: Int)
    /// A parameter is out of range.
    case badParameter(String)

    public var description: String {
        switch self {
        case let .cannotReadDirectory(path, reason):
            return "haystack \(path): \(reason); run `precis model fetch --haystack` or pass --haystack DIR"
        case let .noTextFiles(directory):
            return "haystack \(directory): no text files (.txt, .md, .text) in it"
        case let .cannotReadFile(path, reason):
            return "haystack file \(path): \(reason)"
        case let .emptyHaystack(source):
            return "haystack \(source) has no text"
        case let .tooShort(length, minimum):
            return "a passkey prompt of \(length) tokens is too short: the needles and questions alone take \(minimum - 1); use at least \(minimum)"
        case let .badParameter(what):
            return "passkey: \(what)"
        }
    }
}
