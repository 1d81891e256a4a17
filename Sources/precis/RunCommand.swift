import ArgumentParser
import Foundation
import Pipeline

/// `precis run PIPELINE`: run a pipeline file.
struct RunCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: summarize its inputs into its output directory.",
        discussion: """
        PIPELINE is a pipeline name (pipelines/NAME.yaml under the current directory) or a \
        path to a YAML file. Two runs into one output directory never overlap: the second \
        exits with a message (or waits with --wait); runs into different directories do not wait. This is what `precis schedule install` runs.
        """
    )

    @Argument(help: "Pipeline name or file.", completion: .file(extensions: ["yaml", "yml"])) var pipeline: String
    @OptionGroup var batch: BatchOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        try batch.run(PipelineConfig.load(nameOrPath: pipeline))
    }
}
