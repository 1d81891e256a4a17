import ArgumentParser
import Foundation
import Pipeline

/// `precis worker PIPELINE --run ID`: one worker of a run that was begun
/// elsewhere (`run --workers`, `slurm submit`, a Kubernetes Job).
struct WorkerCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Work on a run begun elsewhere: claim its documents and summarize them until none is left.",
        discussion: """
        What any number of processes on any number of machines run over one run: each \
        claims a document of run ID from the pipeline's catalog under a lease it renews \
        while it works, summarizes it, and commits the result, which is recorded once \
        however many workers there are. A worker that dies (killed, node lost) stops \
        renewing; once its lease runs out another worker claims the document again. The \
        worker that sees the last document done ends the run and writes the output index.

        The run is begun by `precis run PIPELINE --workers N`, `precis slurm submit` or \
        `precis k8s manifest`; workers on other machines need the same pipeline file, a \
        shared catalog (`catalog: postgres://…` or $PRECIS_CATALOG), and the inputs, the \
        output directory and the snapshot directory on paths they all see.

        Exits 0 when the run's documents are all done (1 when one failed), 130 when \
        interrupted (the claim in hand is given back at once).
        """
    )

    @Argument(help: "Pipeline name or file (the one the run was begun with).", completion: .file(extensions: ["yaml", "yml"]))
    var pipeline: String
    @Option(name: .customLong("run"), help: "The run's id (printed when it was begun; see `precis runs list`).")
    var runID: Int64
    @OptionGroup var flags: WorkerFlags
    @Flag(help: "Print what this worker did as JSON on stdout.") var json = false
    @OptionGroup var log: LogOptions

    /// What `--json` prints.
    struct Report: Encodable {
        var run: Int64
        var worker: String
        var entries: [BatchEntry]
        var runEnded: Bool
    }

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let (catalog, store) = try BatchOptions.stores(config)
        try Self.check(run: runID, config: config, catalog: catalog)
        var worker = flags.applied(to: BatchWorker(config: config, reading: try BatchOptions.reading(config), catalog: catalog,
                                                   store: store))
        worker.warn = { Console.warning($0) }
        let interrupt = InterruptFlag()
        interrupt.install { _ in Console.progress("\nstopping after the current step (interrupt again to quit now)") }
        worker.interrupt = interrupt
        Console.progress("worker \(worker.name) on run \(runID) of \(config.name) (catalog \(catalog.location))")
        let progress = BatchProgress(quiet: Console.level > .info)
        let items = try catalog.work(runID: runID)
        progress.handle(.discovered(total: items.count, bytes: items.map(\.bytes)))
        let outcome = try worker.work(runID: runID) { progress.handle($0) }
        progress.finish()
        if json {
            try Console.printJSON(Report(run: runID, worker: worker.name, entries: outcome.entries, runEnded: outcome.report != nil))
        }
        if outcome.interrupted { throw ExitCode(130) }
        if outcome.entries.contains(where: { $0.status == .failed }) { throw ExitCode(1) }
    }

    /// Refuses a run that does not exist, has ended, or was begun with other settings.
    static func check(run id: Int64, config: PipelineConfig, catalog: any CatalogStore) throws {
        guard let run = try catalog.run(id: id) else {
            throw ValidationError("no run \(id) in the catalog \(catalog.location); `precis runs list` shows the recorded ones")
        }
        guard run.pipeline == config.name else {
            throw ValidationError("run \(id) is of pipeline \(run.pipeline), not \(config.name)")
        }
        guard run.configHash == config.configHash else {
            throw ValidationError("run \(id) was begun with other settings than \(config.file.path) has now; "
                                  + "begin a new run for the changed pipeline")
        }
        guard run.status == .running else {
            throw ValidationError("run \(id) has ended (\(run.status.rawValue)); nothing is left to do")
        }
    }
}
