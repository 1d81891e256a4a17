import Foundation

/// A prompt with `{placeholder}`s that the summarizer fills in.
///
/// Placeholders (the same set is valid in every template):
///
/// | placeholder  | value |
/// | ------------ | ----- |
/// | `{words}`    | the target length in words |
/// | `{title}`    | the document's title (its file name when it has none) |
/// | `{genre}`    | `book`, `legal`, `transcript` or `other` |
/// | `{section}`  | the heading path of the section being summarized (empty outside `section`) |
/// | `{previous}` | the summary of the sections before this one (empty for the first) |
///
/// A template is the request that follows the text it is about: the model
/// always reads the text (document, segment, or part summaries for `merge`)
/// first, so one prefill — and one snapshot — serves every request about it.
/// There is therefore no `{text}` placeholder. `{{` and `}}` stand for literal braces. Unknown placeholders
/// are rejected when the template is created, so a typo like `{txt}` fails
/// when the pipeline file is loaded rather than in the middle of a run.
public struct PromptTemplate: Sendable, Hashable, CustomStringConvertible {
    /// Why a template text was rejected.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The placeholder names and what each stands for.
    public static let placeholders: [(name: String, meaning: String)] = [
        ("words", "the target length in words"),
        ("title", "the document's title"),
        ("genre", "book, legal, transcript or other"),
        ("section", "the heading path of the section being summarized"),
        ("previous", "the summary of the sections before this one"),
    ]

    /// The template as written.
    public let text: String
    private let pieces: [Piece]

    private enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    /// Parses and validates `text`.
    public init(_ text: String) throws(Problem) {
        self.text = text
        self.pieces = try Self.parse(text)
    }

    public var description: String { text }

    /// The placeholder names the template uses, in order of first use.
    public var usedPlaceholders: [String] {
        var seen: [String] = []
        for case let .placeholder(name) in pieces where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// The prompt with each placeholder replaced by `values[name]` (empty when absent).
    public func render(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case let .literal(text): return text
            case let .placeholder(name): return values[name] ?? ""
            }
        }.joined()
    }

    private static func parse(_ text: String) throws(Problem) -> [Piece] {
        let known = Set(placeholders.map(\.name))
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let c = rest.first {
            rest = rest.dropFirst()
            if (c == "{" || c == "}") && rest.first == c {
                literal.append(c)
                rest = rest.dropFirst()
            } else if c == "}" {
                throw Problem(description: "unmatched '}' (write '}}' for a literal brace)")
            } else if c == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw Problem(description: "unclosed '{' (write '{{' for a literal brace)")
                }
                let name = String(rest[..<close]).trimmingCharacters(in: .whitespaces)
                guard name != "text" else {
                    throw Problem(description: "{text} is not a placeholder: the text is always given before the request "
                        + "(so one prefill serves every request); write only the request")
                }
                guard known.contains(name) else {
                    let list = placeholders.map { "{\($0.name)}" }.joined(separator: ", ")
                    throw Problem(description: "unknown placeholder {\(name)}; known: \(list)")
                }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                pieces.append(.placeholder(name))
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(c)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}
