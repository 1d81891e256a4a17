import Foundation

/// Turns a prompt template into the request appended after a text.
///
/// The text (document, segment or part summaries) is always read first, in
/// the framing's document slot, so one prefill — one snapshot — serves every
/// request about it; the template is the request that follows.
struct SummaryRequest {
    var title: String
    var genre: DocumentGenre
    var words: Int

    /// The request `template` makes for a part headed `section`, after
    /// `previous`; with no previous summary, lines that would show it are left out.
    func render(_ template: PromptTemplate, section: String = "", previous: String = "") -> String {
        let none = "\u{1}none\u{1}"
        let values = ["words": String(words), "title": title, "genre": genre.rawValue,
                      "section": section, "previous": previous.isEmpty ? none : previous]
        return template.render(values).components(separatedBy: "\n").filter { !$0.contains(none) }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Tokens to allow an answer of `words` words (English averages ~1.3 tokens a word).
    static func maxTokens(words: Int) -> Int { words * 3 / 2 + 24 }

    static func lastWords(_ text: String, _ n: Int) -> String {
        let words = text.split(separator: " ")
        return words.count <= n ? text : "… " + words.suffix(n).joined(separator: " ")
    }
}
