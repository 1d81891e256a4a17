import ArgumentParser
import Foundation
import Ingest
import Pipeline
import Snapshot

/// `precis ask PATH QUESTION...`: answer questions from documents' snapshots.
struct AskCommand: LoggingCommand {
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

        Each answer is headed by its source: [document — section, page or time].

        --json prints {"question", "answer", "tokens", "from_snapshot", "prefill_seconds", \
        "answer_seconds", "sources"} (an array for several questions). Each source has its \
        own "answer", "tokens", "stop_reason" and times; the top-level "answer" is there \
        only when there is one source, the other numbers are totals. prefill_seconds is \
        the time to get the segments ready (loading or prefilling), tokens the answer's length.

        -n must be at least 1: to read a document without answering, use `precis prefill`.
        """
    )

    @Argument(help: "The document (- reads it from standard input; with --all, a directory).", completion: .file())
    var path: String
    @Argument(help: "One or more questions.") var questions: [String]
    @Flag(help: "Search every summarized document under PATH (a directory).") var all = false
    @Option(help: "Answer from this many of the best-matching segments.") var top = 1
    @Option(help: ArgumentHelp("Use this pipeline's model, pattern and codec.", valueName: "name")) var pipeline: String?
    @OptionGroup var options: DocumentOptions
    @OptionGroup var sampling: SamplingFlags
    @Flag(help: "Prefill from scratch; do not read or write snapshots.") var noSnapshot = false
    @Flag(help: "Print JSON instead of streaming the answer.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard !questions.isEmpty else { throw ValidationError("give at least one question") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        guard sampling.maxTokens >= 1 else {
            throw ValidationError("-n must be at least 1 for an answer; to read the document without answering, use `precis prefill`")
        }
    }

    func run() throws {
        let (reading, engine) = try readingModel()
        let store = noSnapshot ? nil : try DocumentOptions.store()
        let answerer = QuestionAnswerer(reader: DocumentReader(reading: reading, store: store, codec: engine.codec,
                                                               snapshotSparsity: engine.snapshotSparsity))
        let stdin = try StandardInput([path])
        defer { stdin.remove() }
        let passages = try self.passages(reading, file: stdin.resolve([path])[0])
        let settings = AnswerSettings(sampling: sampling.options, maxTokens: min(sampling.maxTokens, reading.requestRoom - 256))
        let progress = ProgressLine()
        var reports: [AnswerReport] = []
        for question in questions {
            if !json && questions.count > 1 { write("Q: \(question)\n") }
            var answered = 0
            let answers = try answerer.answer(question, from: passages, count: top, settings: settings,
                                              progress: json ? nil : progress.prefill(label: "reading"),
                                              onPassage: { passage in
                progress.finish()
                if !json { write((answered > 0 ? "\n\n" : "") + Self.heading(passage)) }
                answered += 1
            }, onText: { if !json { write($0) } })
            if !json { write(questions.count > 1 ? "\n\n" : "\n") }
            reports.append(AnswerReport(question: question, answers: answers))
        }
        if json {
            try reports.count == 1 ? Console.printJSON(reports[0]) : Console.printJSON(reports)
        }
    }

    /// The line above an answer naming where it comes from.
    static func heading(_ passage: Passage) -> String {
        passage.citation.isEmpty ? "[\(passage.document)]\n" : "[\(passage.document) — \(passage.citation)]\n"
    }

    /// The reading model and snapshot settings: the pipeline's, else the flags'.
    private func readingModel() throws -> (ReadingModel, (codec: SnapshotCodec, snapshotSparsity: Double?)) {
        guard let pipeline else { return (try options.reading(), (options.codec, options.snapshotSparsity)) }
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let paths = PrecisPaths.fromEnvironment()
        let reading = try ReadingModel.load(config.engine, defaultModel: ModelOptions.defaultModel,
                                            models: paths.models, digests: paths.modelDigests,
                                            note: { Console.progress("note: \($0)") }, warn: { Console.warning($0) })
        return (reading, (config.engine.codec, config.engine.snapshotSparsity))
    }

    /// The passages to answer from: the catalog's segments for --all (or for a
    /// document a pipeline summarized), else the document's own segments.
    private func passages(_ reading: ReadingModel, file: String) throws -> [Passage] {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw ValidationError("no such file or directory: \(path)")
        }
        if all || isDirectory.boolValue {
            guard all else { throw ValidationError("\(path) is a directory; pass --all to search its summarized documents") }
            let records = try catalog().segments(under: absolute) { path, hash in
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
            : try catalog().segments(under: absolute, isCurrent: Self.unchanged)
        if !recorded.isEmpty { return Passage.of(recorded).map { var p = $0; p.document = path; return p } }
        let document = try Ingester().ingest(URL(fileURLWithPath: file))
        Console.warnings(of: document, name: path == "-" ? "stdin" : path)
        return try Passage.of(document, name: path == "-" ? "stdin" : path, reading: reading)
    }

    /// The catalog of --pipeline's file, else the default one.
    private func catalog() throws -> any CatalogStore {
        try CatalogOpener.open(for: pipeline.map { try PipelineConfig.load(nameOrPath: $0) })
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
