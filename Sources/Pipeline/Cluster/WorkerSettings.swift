import Foundation

/// What every worker of a run gets alike, whether it runs here
/// (`BatchWorker`) or is described for a cluster (`WorkerInvocation`): its
/// lease and the settings that shape the run's results.
public protocol WorkerSettings {
    /// Seconds a claim holds without renewal.
    var lease: TimeInterval { get set }
    /// Redo documents even when unchanged.
    var force: Bool { get set }
    /// Most document tokens per segment (nil: what the context allows).
    var segmentTokens: Int? { get set }
}

extension BatchWorker: WorkerSettings {}
extension WorkerInvocation: WorkerSettings {}
