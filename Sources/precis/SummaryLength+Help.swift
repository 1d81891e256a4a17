import Pipeline

extension SummaryLength {
    /// `--length` help naming the word count each size asks for, so users
    /// need not guess what "short" means.
    static var optionHelp: String {
        let sizes = [SummaryLength.short, .medium, .long].map { "\($0) (about \($0.targetWords) words)" }
        return "Summary length: \(sizes.joined(separator: ", ")) or a number of words (default: the pipeline's, else \(SummaryLength.default))."
    }
}
