import Foundation
import Yams

/// A key fact a good summary of a document states, with the regular
/// expressions that recognise it: `pattern` in a summary, `evidence` in the
/// source block(s) that state it.
public struct KeyFact: Sendable {
    /// The fact in plain words, for reports.
    public let fact: String
    /// Case-insensitive; a summary line or point matching it states the fact.
    public let pattern: NSRegularExpression
    /// Case-insensitive; the source blocks matching it are where the fact is stated.
    public let evidence: NSRegularExpression
    /// Line of the fact in the facts file.
    public let line: Int?

    public init(fact: String, pattern: String, evidence: String? = nil, line: Int? = nil) throws {
        self.fact = fact
        self.pattern = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        self.evidence = try NSRegularExpression(pattern: evidence ?? pattern, options: [.caseInsensitive])
        self.line = line
    }

    /// Whether `pattern` matches `text` (one line or one point: `.` does not cross line breaks).
    public func isStated(in text: String) -> Bool { Self.matches(pattern, text) }

    /// Whether `evidence` matches the text of a source block.
    public func isEvidence(_ text: String) -> Bool { Self.matches(evidence, text) }

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// The facts of one evaluation document.
public struct FactDocument: Sendable {
    /// Path relative to the documents directory, as the summaries mirror it.
    public let file: String
    public let genre: DocumentGenre?
    public let facts: [KeyFact]
}

/// An evaluation facts file (YAML):
///
/// ```yaml
/// documents:
///   - file: operations-meeting.vtt   # relative to the documents directory
///     genre: transcript              # book | legal | transcript | other (optional)
///     facts:
///       - fact: Ingrid sends the print order by the 12th
///         pattern: "Ingrid.{0,150}print.{0,150}(12|twelfth)"
///         evidence: "send the revised print order"   # optional, default: pattern
/// ```
///
/// Every schema error and every regular expression ICU rejects is reported
/// as `file:line: problem`, so a broken facts file is fixed before any
/// summary is scored against it.
public struct FactFile: Sendable {
    public let documents: [FactDocument]

    public init(documents: [FactDocument]) { self.documents = documents }

    /// The facts of the document at `file` (relative path), if listed.
    public func facts(for file: String) -> FactDocument? { documents.first { $0.file == file } }

    /// Every fact of every document.
    public var count: Int { documents.reduce(0) { $0 + $1.facts.count } }

    /// Reads and checks the facts file at `url`; errors name it `displayName` (default: its file name).
    public static func load(_ url: URL, displayName: String? = nil) throws -> FactFile {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError.io(path: url.path, problem: "cannot read the facts file: \(error.localizedDescription)")
        }
        return try parse(text, file: displayName ?? url.lastPathComponent)
    }

    /// Parses the content of a facts file; `file` names it in errors.
    public static func parse(_ yaml: String, file: String = "facts.yaml") throws -> FactFile {
        try YAMLDepth.refuseTooDeep(yaml, file: file)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw yamlFailure(error, file: file)
        }
        guard let root else { throw PipelineError.config(file: file, line: nil, problem: "the facts file is empty") }
        let top = try ConfigNode(node: root, path: "", file: file).mapping(allowed: ["documents"])
        guard let list = top["documents"] else {
            throw PipelineError.config(file: file, line: root.mark?.line, problem: "missing required key 'documents'")
        }
        guard case let .sequence(items) = list.node else { throw list.failure("'documents' must be a list") }
        var documents: [FactDocument] = [], seen = Set<String>()
        for (i, item) in items.enumerated() {
            let node = ConfigNode(node: item, path: "documents[\(i)]", file: file)
            let document = try parseDocument(node)
            guard seen.insert(document.file).inserted else { throw node.failure("document '\(document.file)' is listed twice") }
            documents.append(document)
        }
        return FactFile(documents: documents)
    }

    private static func parseDocument(_ node: ConfigNode) throws -> FactDocument {
        let keys = try node.mapping(allowed: ["file", "genre", "facts"])
        guard let fileNode = keys["file"] else { throw node.failure("missing required key 'file' under \(node.place)") }
        let name = try fileNode.nonEmptyString()
        var genre: DocumentGenre?
        if let g = keys["genre"] {
            let text = try g.string()
            guard let value = DocumentGenre(rawValue: text) else {
                throw g.failure("\(g.place) must be book, legal, transcript or other; got '\(text)'")
            }
            genre = value
        }
        var facts: [KeyFact] = []
        if let list = keys["facts"] {
            guard case let .sequence(items) = list.node else { throw list.failure("\(list.place) must be a list of facts") }
            for (i, item) in items.enumerated() {
                facts.append(try parseFact(ConfigNode(node: item, path: "\(list.path)[\(i)]", file: node.file)))
            }
        }
        return FactDocument(file: name, genre: genre, facts: facts)
    }

    private static func parseFact(_ node: ConfigNode) throws -> KeyFact {
        let keys = try node.mapping(allowed: ["fact", "pattern", "evidence"])
        guard let factNode = keys["fact"] else { throw node.failure("missing required key 'fact' under \(node.place)") }
        guard let patternNode = keys["pattern"] else { throw node.failure("missing required key 'pattern' under \(node.place)") }
        let fact = try factNode.nonEmptyString(), pattern = try patternNode.nonEmptyString()
        let evidence = try keys["evidence"].map { try $0.nonEmptyString() }
        try checkRegex(pattern, patternNode)
        if let evidence, let evidenceNode = keys["evidence"] { try checkRegex(evidence, evidenceNode) }
        return try KeyFact(fact: fact, pattern: pattern, evidence: evidence, line: node.line)
    }

    private static func checkRegex(_ pattern: String, _ node: ConfigNode) throws {
        do { _ = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) } catch {
            throw node.failure("\(node.place) is not a valid regular expression: \(pattern)")
        }
    }

    private static func yamlFailure(_ error: YamlError, file: String) -> PipelineError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let about = context.map { "\($0.text) " } ?? ""
            return .config(file: file, line: mark.line, problem: "not valid YAML: \(about)\(problem)")
        default:
            return .config(file: file, line: nil, problem: "not valid YAML: \(error)")
        }
    }
}
