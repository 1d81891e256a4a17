import ArgumentParser
import Foundation
import Pipeline

/// What `slurm submit` and `k8s manifest` share: the run their workers work
/// on (begun here in the pipeline's catalog, or one already going) and the
/// flags that shape its results.
struct ClusterRunOptions: ParsableArguments {
    @Option(name: .customLong("run"), help: "Add workers to this run (still going) instead of beginning a new one.")
    var runID: Int64?
    @OptionGroup var flags: WorkerFlags
    @Flag(help: "Read symbolic links that lead outside the input paths (by default they are skipped).")
    var followSymlinks = false
    @Option(help: ArgumentHelp("The precis executable as the nodes see it (default: this one).", valueName: "path"))
    var precis: String?

    /// The run: begins a run of `config` (discovery
    /// happens here, once) unless --run names one; warns when the catalog is
    /// a SQLite file, which only processes of this machine can share.
    func run(_ config: PipelineConfig) throws -> RunRecord {
        var config = config
        if followSymlinks { config.inputs.followSymlinks = true }
        let location = try CatalogOpener.location(for: config)
        if !location.isShared {
            Console.warning("the catalog is the SQLite file \(location); workers on other machines cannot reach it "
                            + "(set `catalog: postgres://…` in the pipeline file or PRECIS_CATALOG)")
        }
        let (catalog, store) = try BatchOptions.stores(config)
        if let runID {
            try WorkerCommand.check(run: runID, config: config, catalog: catalog)
            return try catalog.run(id: runID)!
        }
        let run = try RunCoordinator(config: config, catalog: catalog, store: store).begin(local: false)
        Console.progress("run \(run.id ?? 0) of \(config.name): \(run.documents) file\(run.documents == 1 ? "" : "s") found "
                         + "(catalog \(location))")
        return run
    }

    /// The worker command line for `run`.
    func worker(_ config: PipelineConfig, run: RunRecord) -> WorkerInvocation {
        flags.applied(to: WorkerInvocation(program: precis ?? LocalWorkers.executable, pipelineFile: config.file.path,
                                           runID: run.id ?? 0))
    }
}
