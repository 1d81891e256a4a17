import ArgumentParser
import Foundation
import Pipeline

/// Flags shared by `summarize` and `run`, and the run itself.
struct BatchOptions: ParsableArguments {
    @Flag(help: "Summarize every document again, even if unchanged since a successful run.") var force = false
    @Flag(help: "Print the run's report as JSON on stdout.") var json = false
    @Flag(help: "Wait for another run into the same output directory to finish instead of exiting.") var wait = false
    @Flag(help: "Read symbolic links that lead outside the input paths (by default they are skipped).")
    var followSymlinks = false
    @Option(help: ArgumentHelp("Most document tokens per segment (default: what the context allows).", valueName: "n"))
    var segmentTokens: Int?

    func validate() throws {
        if let segmentTokens, segmentTokens < 64 { throw ValidationError("--segment-tokens must be at least 64") }
    }

    /// Runs `config`; exits 1 when a document failed, 130 when interrupted.
    func run(_ config: PipelineConfig) throws {
        var config = config
        if followSymlinks { config.inputs.followSymlinks = true }
        try OutputDirectory.claim(config.output, inputs: config.inputs.paths)  // before the model loads
        let paths = PrecisPaths.fromEnvironment()
        let lock = try RunLock(pipeline: config.name, output: config.output, stateDirectory: paths.state, wait: wait)
        let reading = try ReadingModel.load(config.engine, defaultModel: ModelOptions.defaultModel, models: paths.models,
                                            digests: paths.modelDigests,
                                            note: { Console.progress("note: \($0)") }, warn: { Console.warning($0) })
        let catalog = try SQLiteCatalog(path: paths.catalog.path)
        var runner = BatchRunner(config: config, reading: reading, catalog: catalog,
                                 store: catalog.snapshotStore(directory: paths.snapshots,
                                                              budget: config.retention.snapshotsMaxBytes.map { Int($0) }
                                                                  ?? RetentionPolicy.defaultSnapshotBudget(),
                                                              warn: { Console.warning($0) }))
        runner.force = force
        runner.segmentTokens = segmentTokens
        let interrupt = InterruptFlag()
        interrupt.install { _ in Console.progress("\nstopping after the current step (interrupt again to quit now)") }
        runner.interrupt = interrupt
        let quiet = Console.level > .info
        let progress = BatchProgress(quiet: quiet)
        let report = try runner.run { progress.handle($0) }
        progress.finish()
        withExtendedLifetime(lock) {}
        if json { try Console.printJSON(report) }
        if !quiet {
            let ignored = report.count(.ignored)
            Console.progress(String(format: "%@: %d summarized, %d unchanged, %d failed%@ in %.1f s (%.0f tok/s); index: %@",
                                    config.name, report.count(.summarized), report.count(.skipped), report.count(.failed),
                                    ignored > 0 ? ", \(ignored) not documents skipped" : "", report.seconds, report.tokensPerSecond,
                                    config.output.appendingPathComponent("index.md").path))
            if let space = report.snapshots {
                Console.progress("snapshots: \(ByteCount.format(space.writtenBytes)) written"
                    + (space.writtenTokens > 0 ? String(format: " (%.1f KiB per document token)", space.bytesPerToken / 1024) : "")
                    + ", \(ByteCount.format(space.storeBytes)) in the store")
            }
        }
        if report.status == "interrupted" { throw ExitCode(130) }
        if report.count(.failed) > 0 { throw ExitCode(1) }
    }
}
