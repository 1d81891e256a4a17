import Foundation

/// An installed schedule, as `precis schedule list` shows it.
public struct ScheduledPipeline: Sendable, Equatable, Codable {
    /// The pipeline's name.
    public var name: String
    public var kind: ScheduleKind
    /// The cron expression it was installed with.
    public var schedule: String
    /// The pipeline file it runs, when known.
    public var pipelineFile: String?
    /// The next time it fires (nil when the schedule never fires or cannot be read).
    public var nextRun: Date?
    /// Where it is installed: the timer unit's path, or `crontab`.
    public var location: String

    public init(name: String, kind: ScheduleKind, schedule: String, pipelineFile: String?, nextRun: Date?,
                location: String) {
        self.name = name
        self.kind = kind
        self.schedule = schedule
        self.pipelineFile = pipelineFile
        self.nextRun = nextRun
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, schedule, pipelineFile = "pipeline_file", nextRun = "next_run", location
    }
}

/// What `ScheduleInstaller.install` did.
public struct InstallReport: Sendable, Equatable {
    public var kind: ScheduleKind
    /// Files written (unit files), or empty for cron.
    public var files: [URL]
    /// The crontab line, for cron.
    public var crontabLine: String?
    /// Whether the schedule is active now (timer enabled, crontab updated).
    public var active: Bool
    /// What the user should know or do next, one sentence each.
    public var notes: [String]
}
