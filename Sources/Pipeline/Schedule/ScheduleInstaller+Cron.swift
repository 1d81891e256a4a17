import Foundation

/// Crontab lines.
extension ScheduleInstaller {
    func installCrontabEntry(_ job: ScheduleJob) throws -> InstallReport {
        let logs = stateDirectory.appendingPathComponent("logs", isDirectory: true)
        do { try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true) } catch {
            throw PipelineError.io(path: logs.path, problem: "cannot create the log directory: \(error.localizedDescription)")
        }
        let line = CrontabEntry.line(job, stateDirectory: stateDirectory.path)
        guard let current = try readCrontab() else {
            throw PipelineError.schedule("crontab is not installed; install cron and retry, use a systemd timer (--systemd), or add this line with `crontab -e`: \(line)")
        }
        try writeCrontab(current.filter { !CrontabEntry.isEntry($0, of: job.name) } + [line])
        let log = logs.appendingPathComponent("\(job.name).log").path
        return InstallReport(kind: .cron, files: [], crontabLine: line, active: true,
                             notes: ["each run's output is appended to \(log)"])
    }

    /// The crontab lines this installer wrote.
    func crontabEntries() throws -> [ScheduledPipeline] {
        guard let lines = try readCrontab() else { return [] }
        return lines.compactMap(CrontabEntry.read).sorted { $0.name < $1.name }.map {
            ScheduledPipeline(name: $0.name, kind: .cron, schedule: $0.schedule, pipelineFile: $0.pipelineFile,
                              nextRun: nil, location: "crontab")
        }
    }

    /// Removes the pipeline's crontab line; returns a description of what was removed.
    func removeCrontabEntry(_ name: String) throws -> [String] {
        guard let lines = try readCrontab() else { return [] }
        let kept = lines.filter { !CrontabEntry.isEntry($0, of: name) }
        guard kept.count < lines.count else { return [] }
        try writeCrontab(kept)
        return ["crontab entry of \(name)"]
    }

    /// The user's crontab lines; nil when `crontab` is not installed.
    func readCrontab() throws -> [String]? {
        let result: CommandResult
        do { result = try runner.run(["crontab", "-l"], input: nil) } catch is CommandNotFound { return nil }
        guard result.status == 0 else {
            if result.stderr.lowercased().contains("no crontab") { return [] }
            throw PipelineError.schedule("crontab -l failed: \(Self.firstLine(result.stderr))")
        }
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    func writeCrontab(_ lines: [String]) throws {
        let result = try runner.run(["crontab", "-"], input: lines.map { $0 + "\n" }.joined())
        guard result.status == 0 else {
            throw PipelineError.schedule("crontab - failed, the crontab is unchanged: \(Self.firstLine(result.stderr))")
        }
    }
}
