import Foundation

/// The `precis worker` command line a cluster task runs for one run: the
/// program, the pipeline file and the flags that shape the run's results,
/// the same on every node.
public struct WorkerInvocation: Sendable, Equatable {
    /// The precis executable, as the nodes see it.
    public var program: String
    /// The pipeline file, as the nodes see it.
    public var pipelineFile: String
    public var runID: Int64
    public var lease: TimeInterval = WorkLease.defaultSeconds
    public var force = false
    public var segmentTokens: Int?

    public init(program: String, pipelineFile: String, runID: Int64) {
        self.program = program
        self.pipelineFile = pipelineFile
        self.runID = runID
    }

    /// Program and arguments.
    public var arguments: [String] {
        var out = [program, "worker", pipelineFile, "--run", String(runID)]
        if lease != WorkLease.defaultSeconds { out += ["--lease", Self.number(lease)] }
        if force { out.append("--force") }
        if let segmentTokens { out += ["--segment-tokens", String(segmentTokens)] }
        return out
    }

    /// The command line for a POSIX shell.
    public var shellLine: String { arguments.map(ShellQuoting.sh).joined(separator: " ") }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
