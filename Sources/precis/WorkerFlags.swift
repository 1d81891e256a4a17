import ArgumentParser
import Pipeline

/// The flags every worker of a run gets alike: its lease and the settings
/// that shape the run's results (`worker`, `slurm submit`, `k8s manifest`).
struct WorkerFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds a claim holds without renewal: how soon a dead worker's document is taken over.",
                               valueName: "s"))
    var lease: Double = WorkLease.defaultSeconds
    @Flag(help: "Summarize every document again, even if unchanged since a successful run.") var force = false
    @Option(help: ArgumentHelp("Most document tokens per segment (default: what the context allows).", valueName: "n"))
    var segmentTokens: Int?

    func validate() throws {
        guard lease >= 1 else { throw ValidationError("--lease must be at least 1 second") }
        if let segmentTokens, segmentTokens < 64 { throw ValidationError("--segment-tokens must be at least 64") }
    }

    /// `worker` with these flags.
    func applied<Worker: WorkerSettings>(to worker: Worker) -> Worker {
        var worker = worker
        worker.lease = lease
        worker.force = force
        worker.segmentTokens = segmentTokens
        return worker
    }
}
