import Foundation

/// systemd user timers.
extension ScheduleInstaller {
    func installTimer(_ job: ScheduleJob) throws -> InstallReport {
        let timerName = SystemdUnits.timerName(job.name)
        let service = unitDirectory.appendingPathComponent(SystemdUnits.serviceName(job.name))
        let timer = unitDirectory.appendingPathComponent(timerName)
        try write(SystemdUnits.service(job), to: service)
        try write(SystemdUnits.timer(job), to: timer)
        let howTo = "systemctl --user daemon-reload && systemctl --user enable --now \(timerName)"
        var notes: [String] = []
        var active = false
        do {
            let reload = try runner.run(["systemctl", "--user", "daemon-reload"], input: nil)
            let enable = reload.status == 0 ? try runner.run(["systemctl", "--user", "enable", "--now", timerName], input: nil)
                : reload
            active = enable.status == 0
            if !active {
                notes.append("systemctl could not enable the timer (\(Self.firstLine(enable.stderr))); the units are written, enable them with: \(howTo)")
            }
        } catch is CommandNotFound {
            notes.append("systemctl is not available, so the timer is not enabled; the units are written, enable them on a systemd machine with: \(howTo) (or install with --cron)")
        }
        if active {
            notes.append("a user's timers run only while the user is logged in, unless lingering is on: loginctl enable-linger")
        }
        return InstallReport(kind: .systemd, files: [service, timer], crontabLine: nil, active: active, notes: notes)
    }

    /// The timers this installer wrote, sorted by pipeline name.
    func timers() -> [ScheduledPipeline] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: unitDirectory.path)) ?? []
        return names.filter { $0.hasPrefix("precis-") && $0.hasSuffix(".timer") }.sorted().compactMap { file in
            let url = unitDirectory.appendingPathComponent(file)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let recorded = SystemdUnits.read(timer: text) else { return nil }
            let name = String(file.dropFirst("precis-".count).dropLast(".timer".count))
            return ScheduledPipeline(name: name, kind: .systemd, schedule: recorded.schedule,
                                     pipelineFile: recorded.pipelineFile, nextRun: nil, location: url.path)
        }
    }

    /// Stops and deletes the pipeline's timer and service; returns the deleted paths.
    func removeTimer(_ name: String) -> [String] {
        let timerName = SystemdUnits.timerName(name)
        let files = [timerName, SystemdUnits.serviceName(name)].map { unitDirectory.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !files.isEmpty else { return [] }
        _ = try? runner.run(["systemctl", "--user", "disable", "--now", timerName], input: nil)
        let removed = files.filter { (try? FileManager.default.removeItem(at: $0)) != nil }
        _ = try? runner.run(["systemctl", "--user", "daemon-reload"], input: nil)
        return removed.map(\.path)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "no message" : line
    }
}
