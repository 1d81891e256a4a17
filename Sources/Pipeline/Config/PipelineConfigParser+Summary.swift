import Foundation

/// The `length`, `lengths` and `prompts` keys of a pipeline file.
extension PipelineConfigParser {
    static let genreNames = DocumentGenre.allCases.map(\.rawValue)

    func summary(length: ConfigNode?, lengths: ConfigNode?, prompts: ConfigNode?,
                 writing: ConfigNode? = nil) throws -> SummarySettings {
        var settings = SummarySettings()
        if let writing { try self.writing(writing, into: &settings) }
        if let length { settings.length = try summaryLength(length) }
        if let lengths {
            for (genre, node) in try lengths.mapping(allowed: Self.genreNames) {
                settings.lengths[DocumentGenre(rawValue: genre) ?? .other] = try summaryLength(node)
            }
        }
        if let prompts {
            for (genre, node) in try prompts.mapping(allowed: Self.genreNames) {
                let kind = DocumentGenre(rawValue: genre) ?? .other
                settings.prompts[kind] = try genrePrompts(node, genre: kind)
            }
        }
        return settings
    }

    /// `writing: {unsupported: drop|mark|keep, citations: combined|attention|lexical, no_repeat_ngram: 8,
    /// repetition_penalty: 1.05}`.
    private func writing(_ node: ConfigNode, into settings: inout SummarySettings) throws {
        let keys = try node.mapping(allowed: ["unsupported", "citations", "no_repeat_ngram", "repetition_penalty"])
        if let n = keys["unsupported"] {
            let text = try n.string()
            guard let policy = UnsupportedPolicy(rawValue: text) else {
                throw n.failure("\(n.place) must be drop, mark or keep; got '\(text)'")
            }
            settings.unsupported = policy
        }
        if let n = keys["citations"] {
            let text = try n.string()
            guard let method = AttributionMethod(rawValue: text) else {
                throw n.failure("\(n.place) must be combined, attention or lexical; got '\(text)'")
            }
            settings.citations = method
        }
        if let n = keys["no_repeat_ngram"] {
            let text = try n.string()
            guard let size = Int(text), size == 0 || (2...64).contains(size) else {
                throw n.failure("\(n.place) must be 0 (off) or a token count from 2 to 64; got '\(text)'")
            }
            settings.noRepeatNGram = size
        }
        if let n = keys["repetition_penalty"] {
            let text = try n.string()
            guard let value = Float(text), (1...2).contains(value) else {
                throw n.failure("\(n.place) must be a number from 1 (off) to 2; got '\(text)'")
            }
            settings.repetitionPenalty = value
        }
    }

    private func summaryLength(_ node: ConfigNode) throws -> SummaryLength {
        let text = try node.string()
        guard let length = SummaryLength(text) else {
            throw node.failure("\(node.place) must be short, medium, long or a number of words (1 to \(SummaryLength.maximumWords)); got '\(text)'")
        }
        return length
    }

    /// The genre's prompts: those given in the file, the built-in defaults for the rest.
    private func genrePrompts(_ node: ConfigNode, genre: DocumentGenre) throws -> GenrePrompts {
        let keys = try node.mapping(allowed: ["summary", "merge", "section"])
        var prompts = GenrePrompts.defaults(for: genre)
        if let summary = keys["summary"] { prompts.summary = try template(summary) }
        if let merge = keys["merge"] { prompts.merge = try template(merge) }
        if let section = keys["section"] { prompts.section = try template(section) }
        return prompts
    }

    private func template(_ node: ConfigNode) throws -> PromptTemplate {
        do { return try PromptTemplate(try node.string()) } catch let problem as PromptTemplate.Problem {
            throw node.failure("in \(node.place): \(problem)")
        }
    }
}
