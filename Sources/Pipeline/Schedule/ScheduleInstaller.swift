import Foundation
import GGUF

/// Installs, lists and removes the schedules that run pipelines unattended:
/// systemd user timers (default) or crontab lines.
///
/// The unit directory and the command runner are injectable, so everything
/// can be exercised against a temporary directory and a fake `systemctl` and
/// `crontab`. A pipeline has at most one schedule: installing one kind
/// removes the other kind's entry for the same pipeline.
public struct ScheduleInstaller: Sendable {
    /// Where unit files go (`~/.config/systemd/user`).
    public var unitDirectory: URL
    /// Precis's state directory: crontab lock files and logs.
    public var stateDirectory: URL
    /// Absolute path of the `precis` executable that schedules run.
    public var binary: URL
    public var runner: any CommandRunner
    /// Variables passed to scheduled runs (see `ScheduleJob.forwardedVariables`).
    public var environment: [String: String]
    /// Schedules submit to Slurm with these `slurm submit` options instead of running here (nil).
    public var slurmOptions: [String]?

    public init(unitDirectory: URL, stateDirectory: URL, binary: URL, runner: any CommandRunner = ProcessRunner(),
                environment: [String: String] = [:]) {
        self.unitDirectory = unitDirectory
        self.stateDirectory = stateDirectory
        self.binary = binary
        self.runner = runner
        self.environment = environment
    }

    /// `$XDG_CONFIG_HOME/systemd/user`, else `~/.config/systemd/user`.
    public static func defaultUnitDirectory(_ env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let config = env["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config, isDirectory: true).appendingPathComponent("systemd/user", isDirectory: true)
        }
        let home = env["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".config/systemd/user", isDirectory: true)
    }

    /// The job that runs `config` on its schedule; throws when it has none.
    public func job(for config: PipelineConfig) throws -> ScheduleJob {
        guard let schedule = config.schedule else {
            throw PipelineError.schedule("\(config.file.path) has no 'schedule'; add one, e.g. schedule: \"30 2 * * *\" (02:30 every night)")
        }
        return ScheduleJob(name: config.name, schedule: schedule, binary: binary.path,
                           pipelineFile: config.file.standardizedFileURL.path, environment: environment,
                           slurmOptions: slurmOptions)
    }

    /// Installs `config`'s schedule as `kind`, replacing any earlier schedule of the pipeline.
    public func install(_ config: PipelineConfig, kind: ScheduleKind = .systemd) throws -> InstallReport {
        let job = try job(for: config)
        try job.checkWritable(stateDirectory: stateDirectory.path)
        switch kind {
        case .systemd:
            let report = try installTimer(job)
            _ = try? removeCrontabEntry(job.name)
            return report
        case .cron:
            let report = try installCrontabEntry(job)
            _ = removeTimer(job.name)
            return report
        }
    }

    /// Every installed pipeline schedule, timers first, each sorted by name.
    public func list(now: Date = Date(), timeZone: TimeZone = .current) throws -> [ScheduledPipeline] {
        var entries = timers()
        entries += try crontabEntries()
        for index in entries.indices {
            entries[index].nextRun = (try? CronExpression(entries[index].schedule))?.nextRun(after: now, timeZone: timeZone)
        }
        return entries
    }

    /// Removes the pipeline's timer and crontab entry; returns what was removed.
    /// Throws when neither exists.
    @discardableResult
    public func remove(_ name: String) throws -> [String] {
        var removed = removeTimer(name)
        removed += try removeCrontabEntry(name)
        guard !removed.isEmpty else {
            throw PipelineError.schedule("no schedule is installed for pipeline '\(name)'; `precis schedule list` shows what is")
        }
        return removed
    }

    func write(_ text: String, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Array(text.utf8), to: url.path)
        } catch {
            throw PipelineError.io(path: url.path, problem: "cannot write: \(error)")
        }
    }
}
