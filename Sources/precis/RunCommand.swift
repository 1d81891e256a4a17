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

        --workers N starts N worker processes on this machine over the run (each loads \
        the model and takes documents one at a time; see `precis worker`); use it when \
        the machine has cores or memory to spare for more than one. For many machines, \
        see `precis slurm submit` and `precis k8s manifest`.
        """
    )

    @Argument(help: "Pipeline name or file.", completion: .file(extensions: ["yaml", "yml"])) var pipeline: String
    @OptionGroup var batch: BatchOptions
    @Option(help: ArgumentHelp("Worker processes on this machine (default 1: this process).", valueName: "n"))
    var workers = 1
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
    }

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        if workers == 1 { return try batch.run(config) }
        try LocalWorkers(config: config, batch: batch, count: workers).run()
    }
}
