import ArgumentParser
import Foundation
import Pipeline
import Snapshot

/// `precis summarize PATH...`: the main job.
struct SummarizeCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Summarize documents and directories into Markdown and JSON, with an index.",
        discussion: """
        Finds documents under PATH (recursively; hidden files, the output directory and \
        links leading outside PATH skipped unless --follow-symlinks), reads each with DuoAttention — once per segment, kept as a snapshot — and \
        writes <out>/<relative path>.summary.md and .summary.json, then <out>/index.md and \
        index.json. Documents longer than the context are split at section boundaries and \
        their part summaries merged; books also get chapter summaries, transcripts a list of \
        speakers.

        Re-running skips every document whose content and settings (length, prompts, model, \
        pattern) are unchanged since a successful run; --force redoes them. A document that \
        fails is reported and the run goes on; the exit status is 1 if any failed. Files \
        found in a directory that are not documents (images, archives, empty files) are \
        listed as such and skipped; a file named on the command line must be a document. Ctrl-C \
        stops after the current step and records the run as interrupted.

        The output directory must be new, empty or one Precis wrote before (it is marked \
        with a .precis-output file); Precis never writes into another directory.

        --pipeline FILE takes the settings (prompts, lengths, engine, output) from a pipeline \
        file; flags given here override it.
        """
    )

    @Argument(help: "Files or directories to summarize (default: the pipeline's inputs; - reads a document from standard input, written as stdin.summary.md).",
              completion: .file())
    var paths: [String] = []
    @Option(help: "Output directory (default: out, or the pipeline's).") var out: String?
    @Option(help: ArgumentHelp("Pipeline file whose settings to use.", valueName: "file")) var pipeline: String?
    @Option(help: ArgumentHelp(SummaryLength.optionHelp, valueName: "length"))
    var length: String?
    @Option(help: ArgumentHelp("Only documents matching this glob (repeatable).", valueName: "glob")) var include: [String] = []
    @Option(help: ArgumentHelp("Skip documents matching this glob (repeatable).", valueName: "glob")) var exclude: [String] = []
    @Option(help: ArgumentHelp("GGUF file or registry model name (default: the pipeline's, else $PRECIS_MODEL, else the registry default).",
                               valueName: "path-or-name"))
    var model: String?
    @OptionGroup var batch: BatchOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        if length.flatMap(SummaryLength.init) == nil && length != nil {
            throw ValidationError("--length must be short, medium, long or a number of words (1 to \(SummaryLength.maximumWords)), got \(length!)")
        }
        if pipeline == nil && paths.isEmpty { throw ValidationError("give the files or directories to summarize, or --pipeline FILE") }
    }

    func run() throws {
        var config = try pipeline.map { try PipelineConfig.load(nameOrPath: $0) }
            ?? PipelineConfig(name: "summarize", file: URL(fileURLWithPath: "summarize.yaml"),
                              inputs: InputSettings(paths: []), output: URL(fileURLWithPath: "out"))
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let stdin = try StandardInput(paths)
        defer { stdin.remove() }
        let paths = stdin.resolve(self.paths)
        if !paths.isEmpty {
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("no such file or directory: \(path)")
            }
            config.inputs.paths = paths.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
        }
        if let out { config.output = URL(fileURLWithPath: out, relativeTo: cwd).standardizedFileURL }
        if let length = length.flatMap(SummaryLength.init) {
            config.summary.length = length
            config.summary.lengths = [:]
        }
        do {
            config.inputs.include += try include.map { try Glob($0) }
            config.inputs.exclude += try exclude.map { try Glob($0) }
        } catch {
            throw ValidationError("bad glob: \(error)")
        }
        if let model { config.engine.model = ModelReference(model, relativeTo: cwd) }
        try batch.run(config)
    }
}
