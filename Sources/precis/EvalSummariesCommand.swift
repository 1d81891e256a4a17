import ArgumentParser
import Foundation
import Pipeline

/// `precis eval summaries DIR --facts FILE`: summarize an evaluation set the
/// way `precis summarize` does, then score every summary, so two runs (two
/// models, a prompt before and after a change) can be compared.
struct EvalSummariesCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "summaries",
        abstract: "Summarize an evaluation set and score the summaries against its key facts.",
        discussion: """
        Summarizes the documents in DIR exactly as `precis summarize DIR --out OUT` does \
        (default OUT: a new temporary directory, printed), or with --outputs scores an existing \
        output directory without running a model (a baseline made by an older build, whose \
        plain-string summaries are read too). Each source is read again to check the summaries \
        against it. One row per document and a total row; totals sum the counts over all \
        documents and take each ratio over the sums.

        recall: facts of the facts file whose pattern matches a line of the .summary.md or a \
        point or table item of the .summary.json, of the document's facts (higher is better).
        artifacts: invented markup in the output — HTML/XML tags, entities such as &copy;, \
        chat tokens such as <|im_end|> or [INST], code fences — counted in the JSON's texts and \
        in the Markdown, where backslash-escaped characters do not count (lower is better).
        repeated: sentences that repeat an earlier sentence of the same summary text (equal \
        letters and digits, or 90% of their words shared), of all sentences; cross-part: \
        sentences repeating one of another part only (informational).
        cut-off: prose lines of the Markdown that do not end with . ! ? … or : once their \
        citation is removed, of all prose lines; dangling: JSON points ending on a word such as \
        "and" or "the", or on a comma.
        unsupported: numbers and names stated in the points and tables that the source \
        (title, authors, headings, blocks, list labels, speakers) does not contain, of all \
        stated; number words count as their value.
        citations: points of the summary, sections and chapters whose cited blocks hold at \
        least half of their content words and every number they state, of all points (a point \
        without a citation is inaccurate); table cites: the same for key terms, defined terms, \
        meeting items, characters and events.
        located: points stating a fact that cite a block matched by the fact's evidence \
        pattern, of all points stating a fact.
        Cost: output points, points dropped as unsupported, document tokens, generated tokens, \
        prefill and generation seconds (from the JSON), and each document's wall time (from \
        the output's index.json).

        --compare-citations records on every point the blocks each attribution method would \
        cite (attention alone, lexical alone, combined) and prints each method's citation \
        accuracy on the same points; the summaries themselves are the pipeline's.

        --verbose lists each document's missed facts, unsupported numbers and names, repeated \
        sentences and cut-off lines; --json prints all of it as one JSON report. Compare two \
        runs by their total ratios (see docs/evaluation.md).
        """
    )

    @Argument(help: ArgumentHelp("Directory of the evaluation documents.", valueName: "dir"), completion: .directory)
    var directory: String
    @Option(help: ArgumentHelp("Facts file (YAML): the key facts of each document.", valueName: "file"), completion: .file())
    var facts: String
    @Option(help: ArgumentHelp("Output directory for the summaries (default: a new temporary directory).", valueName: "dir"))
    var out: String?
    @Option(help: ArgumentHelp("Score the summaries already in this directory; no model is run.", valueName: "dir"))
    var outputs: String?
    @Option(help: ArgumentHelp("GGUF file or registry model name (default: the pipeline's, else $PRECIS_MODEL, else the registry default).",
                               valueName: "path-or-name"))
    var model: String?
    @Option(help: ArgumentHelp("Summary length: short, medium, long or a number of words.", valueName: "length"))
    var length: String?
    @Option(help: ArgumentHelp("Pipeline file whose settings (prompts, lengths, engine) to use.", valueName: "file")) var pipeline: String?
    @Flag(help: "Summarize every document again, even if unchanged since a successful run into the same --out.") var force = false
    @Flag(help: "Also score every attribution method (attention, lexical, combined) on the same points.")
    var compareCitations = false
    @Flag(help: "Print the report as JSON on stdout.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if length.flatMap(SummaryLength.init) == nil && length != nil {
            throw ValidationError("--length must be short, medium, long or a number of words (1 to \(SummaryLength.maximumWords)), got \(length!)")
        }
        if outputs != nil {
            let given = [("--out", out != nil), ("--model", model != nil), ("--length", length != nil),
                         ("--pipeline", pipeline != nil), ("--force", force), ("--compare-citations", compareCitations)].filter(\.1).map(\.0)
            if !given.isEmpty {
                throw ValidationError("--outputs scores existing summaries; \(given.joined(separator: ", ")) "
                                      + (given.count == 1 ? "applies" : "apply") + " only when summarizing")
            }
        }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no such directory: \(directory)")
        }
        let documents = url(directory), factsURL = url(facts)
        let factFile = try FactFile.load(factsURL, displayName: facts)
        var output: URL, seconds: Double?
        if let outputs {
            output = url(outputs)
            guard FileManager.default.fileExists(atPath: output.path) else { throw ValidationError("no such directory: \(outputs)") }
        } else {
            output = try out.map(url) ?? Self.temporaryDirectory()
            Console.progress("summaries: \(output.path)")
            seconds = try summarize(documents, into: output)
        }
        let evaluation = SummaryEvaluation(documents: documents, outputs: output, facts: factFile)
        let scores = evaluation.run { if !json { Console.progress("scoring \($0)") } }
        let report = SummaryEvaluationReport(documentsDirectory: documents.path, outputDirectory: output.path,
                                             factsFile: factsURL.path, summarized: outputs == nil,
                                             summarizeSeconds: seconds, documents: scores)
        if json {
            try Console.printJSON(report)
        } else {
            print(SummaryEvaluationTable.render(report, verbose: log.verbose))
        }
    }

    /// Summarizes `documents` into `output` through `precis summarize`'s batch run; returns its wall time.
    /// Documents that fail are reported by the run and scored as missing.
    func summarize(_ documents: URL, into output: URL) throws -> Double {
        var config = try pipeline.map { try PipelineConfig.load(nameOrPath: $0) }
            ?? PipelineConfig(name: "eval-summaries", file: URL(fileURLWithPath: "eval-summaries.yaml"),
                              inputs: InputSettings(paths: []), output: output)
        config.name = "eval-summaries"
        config.inputs.paths = [documents]
        config.output = output
        if let length = length.flatMap(SummaryLength.init) {
            config.summary.length = length
            config.summary.lengths = [:]
        }
        config.summary.compareCitations = compareCitations
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let model { config.engine.model = ModelReference(model, relativeTo: cwd) }
        let batch = try BatchOptions.parse(force ? ["--force"] : [])
        let started = Date()
        do {
            try batch.run(config)
        } catch let code as ExitCode where code.rawValue == 1 {
            Console.progress("some documents failed to summarize; they are scored as missing")
        }
        return Date().timeIntervalSince(started)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("precis-eval-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
