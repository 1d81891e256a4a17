import ArgumentParser
import Foundation
import Ingest
import Pipeline
import Snapshot

/// `precis ask PATH QUESTION...`: answer questions from documents' snapshots.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer questions about a document (or a directory of them) from their snapshots.",
        discussion: """
        A document is read in segments that fit the model's context, the same ones \
        `precis summarize` and `precis prefill` use; each question is answered from the \
        segment(s) that match it best (BM25, --top N), loading each segment's snapshot — or \
        prefilling and saving it first when it is missing or stale (another model, pattern \
        or setting, or damaged). Only the question is appended; several questions are each \
        answered from the same state, none seeing another. --no-snapshot prefills from \
        scratch and neither reads nor writes snapshots.

        --all DIR searches every document under DIR that a pipeline run has summarized (its \
        segments are in the catalog). --pipeline NAME uses that pipeline's model, pattern \
        and codec, so its snapshots are found.

        --json prints {"question", "answer", "tokens", "from_snapshot", "prefill_seconds", \
        "answer_seconds", "sources"} (an array for several questions); prefill_seconds is \
        the time to get the segments ready (loading or prefilling), tokens the answer's length.
        """
    )

    @Argument(help: "The document (or, with --all, a directory).", completion: .file()) var path: String
    @Argument(help: "One or more questions.") var questions: [String]
    @Flag(help: "Search every summarized document under PATH (a directory).") var all = false
    @Option(help: "Answer from this many of the best-matching segments.") var top = 1
    @Option(help: ArgumentHelp("Use this pipeline's model, pattern and codec.", valueName: "name")) var pipeline: String?
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false
    @Flag(help: "Print JSON instead of streaming the answer.") var json = false

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("give at least one question") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let (reading, codec) = try readingModel()
        let store = noSnapshot ? nil : try DocumentOptions.store()
        let answerer = QuestionAnswerer(reader: DocumentReader(reading: reading, store: store, codec: codec))
        let passages = try self.passages(reading)
        let settings = AnswerSettings(sampling: sampling.options, maxTokens: min(sampling.maxTokens, reading.requestRoom - 256))
        let progress = ProgressLine()
        var reports: [AskReport] = []
        for question in questions {
            if !json && questions.count > 1 { write("Q: \(question)\n") }
            let answers = try answerer.answer(question, from: passages, count: top, settings: settings,
                                              progress: json ? nil : progress.prefill(label: "reading"),
                                              onPassage: { passage in
                progress.finish()
                if !json && (passages.count > 1 || top > 1) { write("[\(passage.document) — \(passage.citation)]\n") }
            }, onText: { if !json { write($0) } })
            if !json { write(questions.count > 1 ? "\n\n" : "\n") }
            reports.append(AskReport(question: question, answers: answers))
        }
        if json { try reports.count == 1 ? Console.printJSON(reports[0]) : Console.printJSON(reports) }
    }

    private func readingModel() throws -> (ReadingModel, SnapshotCodec) {
        guard let pipeline else { return (try options.reading(), options.codec) }
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let reading = try ReadingModel.load(config.engine, defaultModel: ModelOptions.defaultModel,
                                            models: PrecisPaths.fromEnvironment().models) {
            Console.progress("note: \($0)")
        }
        return (reading, config.engine.codec)
    }

    /// The passages to answer from: the catalog's segments for --all (or for a
    /// document a pipeline summarized), else the document's own segments.
    private func passages(_ reading: ReadingModel) throws -> [Passage] {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw ValidationError("no such file or directory: \(path)")
        }
        if all || isDirectory.boolValue {
            guard all else { throw ValidationError("\(path) is a directory; pass --all to search its summarized documents") }
            let records = try Catalog(path: PrecisPaths.fromEnvironment().catalog.path).segments(under: absolute) { path, hash in
                let current = Self.unchanged(path, hash)
                if !current { Console.progress("note: \(path) changed since it was summarized; left out (summarize it again)") }
                return current
            }
            guard !records.isEmpty else {
                throw ValidationError("no summarized documents under \(path); run `precis summarize \(path)` first")
            }
            return Passage.of(records)
        }
        let recorded = noSnapshot ? []
            : try Catalog(path: PrecisPaths.fromEnvironment().catalog.path).segments(under: absolute, isCurrent: Self.unchanged)
        if !recorded.isEmpty { return Passage.of(recorded).map { var p = $0; p.document = path; return p } }
        return try Passage.of(try Ingester().ingest(URL(fileURLWithPath: path)), name: path, reading: reading)
    }

    /// Whether the file at `path` still has the content hash the catalog recorded.
    static func unchanged(_ path: String, _ contentHash: String) -> Bool {
        (try? Ingester().contentHash(of: URL(fileURLWithPath: path))) == contentHash
    }
}

/// Writes to stdout unbuffered, in order with the streamed answer.
private func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// One question's answer as `precis ask --json` prints it.
struct AskReport: Encodable {
    struct Source: Encodable {
        var document: String
        var citation: String
        var fromSnapshot: Bool
        enum CodingKeys: String, CodingKey { case document, citation, fromSnapshot = "from_snapshot" }
    }
    var question: String
    var answer: String
    var tokens: Int
    var fromSnapshot: Bool
    var prefillSeconds: Double
    var answerSeconds: Double
    var sources: [Source]

    init(question: String, answers: [PassageAnswer]) {
        self.question = question
        answer = answers.map(\.answer.text).joined(separator: "\n\n")
        tokens = answers.reduce(0) { $0 + $1.answer.tokens.count }
        fromSnapshot = answers.allSatisfy(\.fromSnapshot)
        prefillSeconds = answers.reduce(0) { $0 + $1.prefillSeconds }
        answerSeconds = answers.reduce(0) { $0 + $1.answer.seconds }
        sources = answers.map { Source(document: $0.passage.document, citation: $0.passage.citation, fromSnapshot: $0.fromSnapshot) }
    }

    enum CodingKeys: String, CodingKey {
        case question, answer, tokens, fromSnapshot = "from_snapshot", prefillSeconds = "prefill_seconds",
             answerSeconds = "answer_seconds", sources
    }
}
