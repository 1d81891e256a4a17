/// The three prompts used to summarize documents of one genre.
///
/// A document that fits the model's context in one pass is summarized with
/// `summary`. A longer one is summarized section by section with `section`
/// (each call sees `{previous}`, the summary so far), then the section
/// summaries are combined with `merge`.
public struct GenrePrompts: Sendable, Hashable {
    /// Summarizes a whole document in one pass.
    public var summary: PromptTemplate
    /// Combines part summaries (given before it) into one summary.
    public var merge: PromptTemplate
    /// Summarizes one part (given before it, headed `{section}`) of a long document.
    public var section: PromptTemplate

    public init(summary: PromptTemplate, merge: PromptTemplate, section: PromptTemplate) {
        self.summary = summary
        self.merge = merge
        self.section = section
    }

    /// The built-in prompts for `genre`, used where a pipeline file sets none.
    public static func defaults(for genre: DocumentGenre) -> GenrePrompts {
        let focus = focus(of: genre)
        // The texts below are fixed and valid; parsing cannot fail.
        func template(_ text: String) -> PromptTemplate {
            (try? PromptTemplate(text)) ?? Self.fallback
        }
        return GenrePrompts(
            summary: template("""
                Summarize the \(noun(of: genre)) "{title}" above in about {words} words, as 4 to 8 bullet points. \
                \(focus) Use only what the \(noun(of: genre)) says; keep names, numbers and dates exactly as written.
                """),
            merge: template("""
                Above are summaries of consecutive parts of the \(noun(of: genre)) "{title}". Combine them \
                into one summary of about {words} words, as bullet points in the order of the \(noun(of: genre)). \
                \(focus) Do not repeat yourself.
                """),
            section: template("""
                Summary so far: {previous}

                Summarize the part "{section}" shown above in about {words} words, as 1 to 3 bullet points. \
                \(partFocus(of: genre))Say only what this part says; keep names, numbers and dates exactly as written.
                """))
    }

    private static let fallback: PromptTemplate = {
        do { return try PromptTemplate("Summarize the text above.") } catch { preconditionFailure("\(error)") }
    }()

    private static func noun(of genre: DocumentGenre) -> String {
        switch genre {
        case .book: return "book"
        case .legal: return "legal document"
        case .transcript: return "transcript"
        case .other: return "document"
        }
    }

    /// What a part's summary should hold, so that it follows the whole part and not only its opening lines.
    private static func partFocus(of genre: DocumentGenre) -> String {
        switch genre {
        case .book:
            return "Tell what happens in it from its beginning to its end, naming who does what: what they do, find out and decide, and how the part ends. "
        case .legal, .transcript, .other:
            return ""
        }
    }

    private static func focus(of genre: DocumentGenre) -> String {
        switch genre {
        case .book:
            return "Cover the main events, characters and themes, in the order they occur."
        case .legal:
            return "State the parties, their obligations, payments, dates and deadlines, term and termination, and liabilities; quote defined terms exactly."
        case .transcript:
            return "Say what was discussed and decided and why, with the figures, dates and reasons given. Leave out greetings, small talk and remarks about the meeting itself."
        case .other:
            return "Cover the main points and conclusions, with their figures (amounts, settings, limits, intervals, codes) exactly as written."
        }
    }
}
