import ArgumentParser
import Foundation
import Pipeline
import Snapshot

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

    /// `config` with the flags that change discovery applied.
    func applied(to config: PipelineConfig) -> PipelineConfig {
        var config = config
        if followSymlinks { config.inputs.followSymlinks = true }
        return config
    }

    /// Runs `config` in this process; exits 1 when a document failed, 130 when interrupted.
    func run(_ config: PipelineConfig) throws {
        let config = applied(to: config)
        try OutputDirectory.claim(config.output, inputs: config.inputs.paths)  // before the model loads
        let paths = PrecisPaths.fromEnvironment()
        let lock = try RunLock(pipeline: config.name, output: config.output, stateDirectory: paths.state, wait: wait)
        let reading = try Self.reading(config)
        let (catalog, store) = try Self.stores(config)
        var runner = BatchRunner(config: config, reading: reading, catalog: catalog, store: store)
        runner.worker.force = force
        runner.worker.segmentTokens = segmentTokens
        let interrupt = InterruptFlag()
        interrupt.install { _ in Console.progress("\nstopping after the current step (interrupt again to quit now)") }
        runner.worker.interrupt = interrupt
        let progress = BatchProgress(quiet: Console.level > .info)
        let report = try runner.run { progress.handle($0) }
        progress.finish()
        withExtendedLifetime(lock) {}
        try conclude(report, config: config)
    }

    /// The model `config` reads with.
    static func reading(_ config: PipelineConfig) throws -> ReadingModel {
        let paths = PrecisPaths.fromEnvironment()
        return try ReadingModel.load(config.engine, defaultModel: ModelOptions.defaultModel, models: paths.models,
                                     digests: paths.modelDigests,
                                     note: { Console.progress("note: \($0)") }, warn: { Console.warning($0) })
    }

    /// `config`'s catalog and snapshot store (its `catalog:` and `snapshots:`, else the defaults).
    static func stores(_ config: PipelineConfig) throws -> (any CatalogStore, SnapshotStore) {
        let catalog = try CatalogOpener.open(for: config)
        let directory = config.snapshots ?? PrecisPaths.fromEnvironment().snapshots
        let budget = config.retention.snapshotsMaxBytes.map { Int($0) } ?? RetentionPolicy.defaultSnapshotBudget()
        return (catalog, catalog.snapshotStore(directory: directory, budget: budget, warn: { Console.warning($0) }))
    }

    /// Prints what the run did (the report as JSON with --json) and exits
    /// 130 when it was interrupted, 1 when a document failed.
    func conclude(_ report: BatchReport, config: PipelineConfig) throws {
        if json { try Console.printJSON(report) }
        if Console.level <= .info {
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
