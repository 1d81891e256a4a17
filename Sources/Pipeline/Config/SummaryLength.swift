/// How long a summary should be: a named size or a number of words.
public enum SummaryLength: Sendable, Hashable, CustomStringConvertible {
    case short
    case medium
    case long
    /// About this many words (≥ 1).
    case words(Int)

    /// Longest summary that can be asked for, in words.
    public static let maximumWords = 50_000

    /// The length a pipeline uses when its file names none.
    public static let `default` = SummaryLength.medium

    /// The target length in words that prompts receive as `{words}`.
    public var targetWords: Int {
        switch self {
        case .short: return 150
        case .medium: return 400
        case .long: return 1000
        case let .words(count): return count
        }
    }

    /// `short`, `medium`, `long` or the number of words.
    public var description: String {
        switch self {
        case .short: return "short"
        case .medium: return "medium"
        case .long: return "long"
        case let .words(count): return String(count)
        }
    }

    /// Parses `short`, `medium`, `long` or a positive integer; nil otherwise.
    public init?(_ text: String) {
        switch text.lowercased() {
        case "short": self = .short
        case "medium": self = .medium
        case "long": self = .long
        default:
            guard let count = Int(text), (1...Self.maximumWords).contains(count) else { return nil }
            self = .words(count)
        }
    }
}
