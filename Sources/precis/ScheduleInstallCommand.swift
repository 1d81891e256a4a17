import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule install`: schedule a pipeline by its 'schedule' key.
struct ScheduleInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Schedule a pipeline to run unattended, as its 'schedule' key says.",
        discussion: """
        PIPELINE is a name (pipelines/<name>.yaml under the current directory) or a path to a \
        pipeline file. With --systemd (default) writes precis-<name>.service and \
        precis-<name>.timer to the systemd user unit directory and enables the timer; if \
        systemctl is missing or fails, the files are still written and the command to enable \
        them is printed. Cron's day-of-month/day-of-week "either" rule is kept by giving the \
        timer two OnCalendar= lines. With --cron adds a crontab line that runs under \
        `flock -n` (a run still going makes the next one skip) and logs to \
        $XDG_STATE_HOME/precis/logs/<name>.log. Installing again replaces the pipeline's \
        previous schedule, of either kind. $PRECIS_HOME, $PRECIS_MODEL, $XDG_CACHE_HOME and \
        $XDG_STATE_HOME, when set, are passed on to the scheduled runs.
        """
    )

    @Argument(help: "Pipeline name or path to a pipeline file.")
    var pipeline: String

    @Flag(help: "How to schedule it.")
    var kind: ScheduleKind = .systemd

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let installer = ScheduleCommand.installer()
        let report = try installer.install(config, kind: kind)
        let schedule = config.schedule?.source ?? ""
        switch report.kind {
        case .systemd:
            for file in report.files { print("wrote \(file.path)") }
            let calendars = config.schedule?.systemdCalendars.joined(separator: " | ") ?? ""
            print("\(report.active ? "enabled" : "not enabled"): \(SystemdUnits.timerName(config.name)) '\(schedule)' (OnCalendar=\(calendars))")
        case .cron:
            print("added to crontab: \(report.crontabLine ?? "")")
        }
        guard report.active else {
            // The units are written, but nothing will run: a failure, with the reason and the way out.
            throw PipelineError.schedule(report.notes.joined(separator: "; "))
        }
        print("next run: \(ScheduleCommand.format(config.schedule?.nextRun(after: Date())))")
        for note in report.notes { print("note: \(note)") }
    }
}
