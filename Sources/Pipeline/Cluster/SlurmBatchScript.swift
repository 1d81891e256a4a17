import Foundation

/// The sbatch script of a run's Slurm job array: every array task runs one
/// `precis worker` over the run, so N tasks on any nodes share its
/// documents through the catalog. Slurm's own `scancel` and node failures
/// need nothing from it: a task that is cancelled gets SIGTERM and gives its
/// claim back; one that is killed stops renewing and its document is
/// claimed again once its lease runs out.
public struct SlurmBatchScript: Sendable, Equatable {
    public var pipeline: String
    public var worker: WorkerInvocation
    /// Array tasks (workers), at least 1.
    public var tasks: Int
    public var partition: String?
    /// Time limit per task as sbatch reads it (`30`, `2:00:00`, `1-0`).
    public var timeLimit: String?
    /// CPUs per task (each worker's engine threads).
    public var cpusPerTask: Int?
    /// Directory of the tasks' logs (`precis-<pipeline>-<job>_<task>.log`).
    public var logDirectory: String
    /// Variables the tasks need whatever `--export` says (the catalog URL, Precis's directories).
    public var environment: [String: String] = [:]

    public init(pipeline: String, worker: WorkerInvocation, tasks: Int, logDirectory: String) {
        self.pipeline = pipeline
        self.worker = worker
        self.tasks = tasks
        self.logDirectory = logDirectory
    }

    /// The script's text. Options go in `#SBATCH` lines; ones given on the
    /// sbatch command line override them.
    public var text: String {
        var lines = ["#!/bin/sh",
                     "# Precis: run \(worker.runID) of pipeline \(pipeline), \(tasks) worker\(tasks == 1 ? "" : "s")",
                     "#SBATCH --job-name=precis-\(pipeline)",
                     "#SBATCH --array=0-\(tasks - 1)",
                     "#SBATCH --output=\(logDirectory)/precis-\(pipeline)-%A_%a.log",
                     "#SBATCH --ntasks=1",
                     // A cancelled task gets SIGTERM, then SIGKILL after KillWait: time to give the claim back.
                     "#SBATCH --signal=TERM@30"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
        if let cpusPerTask { lines.append("#SBATCH --cpus-per-task=\(cpusPerTask)") }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            lines.append("export \(key)=\(ShellQuoting.sh(value))")
        }
        lines.append("exec \(worker.shellLine)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A time limit sbatch accepts: minutes, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`.
    public static func isTimeLimit(_ text: String) -> Bool {
        text.range(of: #"^([0-9]+-)?[0-9]+(:[0-9]+){0,2}$"#, options: .regularExpression) != nil
    }
}
