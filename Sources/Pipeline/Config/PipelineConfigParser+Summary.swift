import Foundation

/// The `length`, `lengths` and `prompts` keys of a pipeline file.
extension PipelineConfigParser {
    static let genreNames = DocumentGenre.allCases.map(\.rawValue)

    func summary(length: ConfigNode?, lengths: ConfigNode?, prompts: ConfigNode?) throws -> SummarySettings {
        var settings = SummarySettings()
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
