import Foundation

/// What a schedule runs: `precis run <pipeline file>` for one pipeline, with
/// the environment variables that locate Precis's files.
public struct ScheduleJob: Sendable, Equatable {
    /// The pipeline's name; names the units, the lock and the log.
    public var name: String
    /// When it runs.
    public var schedule: CronExpression
    /// Absolute path of the `precis` executable.
    public var binary: String
    /// Absolute path of the pipeline file.
    public var pipelineFile: String
    /// Variables set for the run (e.g. `PRECIS_HOME`), so a scheduled run sees
    /// the same models, snapshots and catalog as the shell it was installed from.
    public var environment: [String: String]
    /// Submit the pipeline to Slurm (`precis slurm submit FILE` with these
    /// options) instead of running it here; nil: `precis run FILE`.
    public var slurmOptions: [String]?

    public init(name: String, schedule: CronExpression, binary: String, pipelineFile: String,
                environment: [String: String] = [:], slurmOptions: [String]? = nil) {
        self.name = name
        self.schedule = schedule
        self.binary = binary
        self.pipelineFile = pipelineFile
        self.environment = environment
        self.slurmOptions = slurmOptions
    }

    /// The precis words before the pipeline file.
    public var verb: [String] { slurmOptions == nil ? ["run"] : ["slurm", "submit"] }
    /// The precis words after the pipeline file.
    public var options: [String] { slurmOptions ?? [] }

    /// The variables copied from the installing shell into scheduled runs.
    public static let forwardedVariables = ["PRECIS_HOME", "PRECIS_MODEL", "PRECIS_CATALOG", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                                                    "SLURM_CONF"]

    /// The forwarded variables that are set (non-empty) in `environment`.
    public static func forwarded(from environment: [String: String]) -> [String: String] {
        environment.filter { forwardedVariables.contains($0.key) && !$0.value.isEmpty }
    }
}

/// How a pipeline is scheduled.
public enum ScheduleKind: String, Sendable, Codable, CaseIterable {
    /// A systemd user timer and service.
    case systemd
    /// A line in the user's crontab.
    case cron
}
