import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// `precis slurm submit PIPELINE`: begins a run and submits its workers as one sbatch job array.
struct SlurmSubmitCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Begin a run in the shared catalog and submit a Slurm job array of workers for it.",
        discussion: """
        Discovers the pipeline's documents here, records the run and its documents in the \
        pipeline's catalog (a shared PostgreSQL: `catalog: postgres://…` or $PRECIS_CATALOG), \
        and submits one `sbatch` job array whose N tasks each run `precis worker PIPELINE \
        --run ID`. Prints the job id on stdout; `precis runs show ID` follows the run's \
        progress. The nodes need this precis (or --precis), the pipeline file, the model, \
        and the inputs, output and snapshot directories at the same paths (a shared \
        filesystem). A task cancelled with `scancel` gives its document back; one killed or \
        on a node that is lost loses its claim after --lease seconds, and another task \
        takes it over. Arguments after `--` go to sbatch as they are (they override the \
        script's #SBATCH lines).
        """
    )

    @Argument(help: "Pipeline name or file.", completion: .file(extensions: ["yaml", "yml"])) var pipeline: String
    @Option(help: "Array tasks: workers running at once at most.") var array = 2
    @Option(help: "Slurm partition (default: the cluster's default).") var partition: String?
    @Option(help: ArgumentHelp("Time limit per task, as sbatch reads it (30, 2:00:00, 1-0).", valueName: "t")) var time: String?
    @Option(help: ArgumentHelp("CPUs per task (the engine's threads).", valueName: "n")) var cpus: Int?
    @Option(help: ArgumentHelp("Directory of the tasks' logs (default: the current one; on a shared filesystem).",
                               valueName: "dir"))
    var logDir: String?
    @Flag(help: "Print the sbatch script and submit nothing (no run is begun).") var print = false
    @OptionGroup var cluster: ClusterRunOptions
    @OptionGroup var log: LogOptions
    @Argument(parsing: .postTerminator, help: "Arguments passed to sbatch.") var sbatchArguments: [String] = []

    func validate() throws {
        guard (1...10_000).contains(array) else { throw ValidationError("--array must be between 1 and 10000") }
        if let time, !SlurmBatchScript.isTimeLimit(time) {
            throw ValidationError("--time \(time): use minutes, H:M:S, D-H or D-H:M:S as sbatch reads them")
        }
        if let cpus, cpus < 1 { throw ValidationError("--cpus must be at least 1") }
    }

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let logs = URL(fileURLWithPath: logDir ?? FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if print {
            let placeholder = RunRecord.starting(pipeline: config.name, configHash: config.configHash, local: false)
            return Swift.print(script(config, run: placeholder, logs: logs).text,
                               terminator: "")
        }
        guard ChildProcess.locate("sbatch", searchPath: ChildProcess.defaultSearchPath) != nil else {
            throw ValidationError("sbatch is not installed here (not found on PATH); run this on a Slurm submit host")
        }
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let run = try cluster.run(config)
        let text = script(config, run: run, logs: logs).text
        let result = try ChildProcess.run("sbatch", ["--parsable"] + sbatchArguments, input: Array(text.utf8), timeLimit: 120)
        guard result.status == 0 else {
            throw PipelineError.run(id: run.id ?? 0, problem: "was begun but sbatch refused its job array: "
                                    + result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
                                    + "; fix that and submit workers for it with --run \(run.id ?? 0)")
        }
        let job = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        Swift.print(job)
        Console.progress("submitted Slurm job \(job): \(array) worker\(array == 1 ? "" : "s") on run \(run.id ?? 0); "
                         + "follow it with `precis runs show \(run.id ?? 0)`, logs in \(logs)")
    }

    /// The job array's script for `run`.
    func script(_ config: PipelineConfig, run: RunRecord, logs: String) -> SlurmBatchScript {
        var script = SlurmBatchScript(pipeline: config.name, worker: cluster.worker(config, run: run), tasks: array,
                                      logDirectory: logs)
        script.partition = partition
        script.timeLimit = time
        script.cpusPerTask = cpus
        script.environment = ScheduleJob.forwarded(from: ProcessInfo.processInfo.environment)
        return script
    }
}
