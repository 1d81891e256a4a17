import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// `precis run PIPELINE --workers N`: begins a run, starts N `precis worker`
/// processes on this machine over it, shows their progress from the catalog,
/// and ends the run when they have stopped.
struct LocalWorkers {
    let config: PipelineConfig
    let batch: BatchOptions
    let count: Int

    func run() throws {
        let config = batch.applied(to: self.config)
        try OutputDirectory.claim(config.output, inputs: config.inputs.paths)
        let lock = try RunLock(pipeline: config.name, output: config.output, stateDirectory: PrecisPaths.fromEnvironment().state,
                               wait: batch.wait)
        let (catalog, store) = try BatchOptions.stores(config)
        let coordinator = RunCoordinator(config: config, catalog: catalog, store: store)
        let run = try coordinator.begin(local: true)
        let id = run.id ?? 0
        Console.progress("run \(id): \(run.documents) file\(run.documents == 1 ? "" : "s") found; starting \(count) workers")
        let children = Children()
        let interrupt = InterruptFlag()
        interrupt.install { signal in
            Console.progress("\nstopping after the current step (interrupt again to quit now)")
            children.forward(signal)
        }
        let finished = DispatchGroup()
        for index in 0..<count {
            finished.enter()
            Thread.detachNewThread {
                children.record(index, Result { try ChildProcess.run(Self.executable, workerArguments(run: id),
                                                                     environment: threads, mergeErrors: true,
                                                                     started: { children.started($0) }) })
                finished.leave()
            }
        }
        let watcher = ProgressWatcher(catalog: catalog, runID: id)
        while finished.wait(timeout: .now() + 1) == .timedOut { watcher.poll() }
        watcher.poll()
        children.reportFailures()
        let report = try coordinator.finish(runID: id, interrupted: true) ?? coordinator.report(runID: id)
        withExtendedLifetime(lock) {}
        guard let report else { throw PipelineError.run(id: id, problem: "is no longer in the catalog") }
        try batch.conclude(report, config: config)
    }

    /// The machine's cores split between the workers (unless $PRECIS_THREADS
    /// says otherwise), so N engines do not each start a thread per core.
    var threads: [String: String] {
        let environment = ProcessInfo.processInfo.environment
        guard environment["PRECIS_THREADS"] == nil else { return [:] }
        return ["PRECIS_THREADS": String(max(1, ProcessInfo.processInfo.activeProcessorCount / count))]
    }

    /// `precis worker …` for run `id`, with the flags that shape its results.
    func workerArguments(run id: Int64) -> [String] {
        var arguments = ["worker", config.file.path, "--run", String(id), "--quiet"]
        if batch.force { arguments.append("--force") }
        if let tokens = batch.segmentTokens { arguments += ["--segment-tokens", String(tokens)] }
        return arguments
    }

    /// This program, to start workers with.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The worker processes: their pids (to pass a signal on) and how each ended.
    final class Children: @unchecked Sendable {
        private let lock = NSLock()
        private var pids: [Int32] = []
        private var ends: [Int: Result<ChildProcess.Output, Error>] = [:]

        func started(_ pid: Int32) { lock.withLock { pids.append(pid) } }
        func record(_ index: Int, _ end: Result<ChildProcess.Output, Error>) { lock.withLock { ends[index] = end } }

        /// Passes `signal` on to workers that did not get it themselves (a
        /// terminal's ^C reaches its whole process group; a `kill` only this process).
        func forward(_ signal: Int32) {
            for pid in lock.withLock({ pids }) where signal != SIGINT || getpgid(pid) != getpgrp() { kill(pid, signal) }
        }

        /// Prints the output of each worker that failed for another reason than a failed document.
        func reportFailures() {
            for (index, end) in lock.withLock({ ends }).sorted(by: { $0.key < $1.key }) {
                switch end {
                case let .failure(error): Console.warning("worker \(index + 1) could not run: \(error)")
                case let .success(output) where ![0, 1, 130].contains(output.status):
                    let tail = output.stdoutText.split(separator: "\n").suffix(8).joined(separator: "\n")
                    Console.warning("worker \(index + 1) exited with status \(output.status):\n\(tail)")
                default: break
                }
            }
        }
    }
}

/// Prints each document's outcome as workers commit it, from the catalog.
final class ProgressWatcher {
    private let catalog: any CatalogStore
    private let runID: Int64
    private var reported = Set<Int>()

    init(catalog: any CatalogStore, runID: Int64) {
        self.catalog = catalog
        self.runID = runID
    }

    func poll() {
        guard let items = try? catalog.work(runID: runID) else { return }
        for item in items where item.state == .done && !reported.contains(item.position) {
            reported.insert(item.position)
            guard let entry = item.outcome else { continue }
            let seconds = entry.seconds.map { String(format: " in %.1f s", $0) } ?? ""
            let message = "[\(reported.count)/\(items.count)] \(entry.document): \(entry.status.rawValue)\(seconds)"
                + ((entry.error ?? entry.note).map { " — \($0)" } ?? "") + (item.worker.map { " (\($0))" } ?? "")
            if entry.status == .failed { Console.log.error("\(message)") } else { Console.progress(message) }
        }
    }
}
