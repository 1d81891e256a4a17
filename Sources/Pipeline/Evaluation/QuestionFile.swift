import Foundation
import Yams

/// A question about an evaluation document, with the regular expression a
/// correct answer matches.
public struct EvaluationQuestion: Sendable {
    public let question: String
    /// Case-insensitive; an answer matching it is counted correct.
    public let answer: NSRegularExpression
    /// Line of the question in the questions file.
    public let line: Int?

    /// Whether `text` (an answer) matches `answer`.
    public func isAnswered(by text: String) -> Bool { KeyFact.matches(answer, text) }
}

/// An evaluation questions file (YAML), the questions `precis eval
/// snapshots` asks of each document:
///
/// ```yaml
/// documents:
///   - file: bakery-unit-lease.md      # relative to the documents directory
///     questions:
///       - ask: What is the initial yearly rent?
///         answer: "38,400|38400"      # case-insensitive regular expression
/// ```
///
/// Schema and regular-expression errors are reported as `file:line: problem`.
public struct QuestionFile: Sendable {
    /// Each document's file (relative path) and questions, in file order.
    public let documents: [(file: String, questions: [EvaluationQuestion])]

    /// Every question of every document.
    public var count: Int { documents.reduce(0) { $0 + $1.questions.count } }

    /// Reads and checks the questions file at `url`.
    public static func load(_ url: URL) throws -> QuestionFile {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw PipelineError.io(path: url.path, problem: "cannot read the questions file: \(error.localizedDescription)")
        }
        return try parse(text, file: url.lastPathComponent)
    }

    /// Parses the content of a questions file; `file` names it in errors.
    public static func parse(_ yaml: String, file: String = "questions.yaml") throws -> QuestionFile {
        try YAMLDepth.refuseTooDeep(yaml, file: file)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw PipelineError.config(file: file, line: nil, problem: "not valid YAML: \(error)")
        }
        guard let root else { throw PipelineError.config(file: file, line: nil, problem: "the questions file is empty") }
        let top = try ConfigNode(node: root, path: "", file: file).mapping(allowed: ["documents"])
        guard let list = top["documents"], case let .sequence(items) = list.node else {
            throw PipelineError.config(file: file, line: root.mark?.line, problem: "'documents' must be a list")
        }
        var documents: [(file: String, questions: [EvaluationQuestion])] = []
        for (i, item) in items.enumerated() {
            let node = ConfigNode(node: item, path: "documents[\(i)]", file: file)
            let keys = try node.mapping(allowed: ["file", "questions"])
            guard let name = try keys["file"]?.nonEmptyString() else { throw node.failure("missing required key 'file' under \(node.place)") }
            guard documents.allSatisfy({ $0.file != name }) else { throw node.failure("document '\(name)' is listed twice") }
            guard let questions = keys["questions"], case let .sequence(entries) = questions.node else {
                throw node.failure("\(node.place) needs a list 'questions'")
            }
            documents.append((name, try entries.enumerated().map { j, entry in
                try parseQuestion(ConfigNode(node: entry, path: "\(questions.path)[\(j)]", file: file))
            }))
        }
        return QuestionFile(documents: documents)
    }

    private static func parseQuestion(_ node: ConfigNode) throws -> EvaluationQuestion {
        let keys = try node.mapping(allowed: ["ask", "answer"])
        guard let ask = try keys["ask"]?.nonEmptyString() else { throw node.failure("missing required key 'ask' under \(node.place)") }
        guard let answerNode = keys["answer"] else { throw node.failure("missing required key 'answer' under \(node.place)") }
        let pattern = try answerNode.nonEmptyString()
        do {
            return EvaluationQuestion(question: ask, answer: try NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                                      line: node.line)
        } catch {
            throw answerNode.failure("\(answerNode.place) is not a valid regular expression: \(pattern)")
        }
    }
}
