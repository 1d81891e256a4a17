import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule install`: schedule a pipeline by its 'schedule' key.
struct ScheduleInstallCommand: LoggingCommand {
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
        $XDG_STATE_HOME, when set, are passed on to the scheduled runs. The runs call an \
        installed binary (`make install PREFIX=~/.local`): this one unless it lies inside a \
        build directory (.build/), which the next build replaces, else the first precis on \
        $PATH outside one, else --binary.

        With --slurm the timer or crontab line submits the pipeline to Slurm instead \
        (`precis slurm submit PIPELINE --array N`, with --partition and --time passed on), \
        so a submit host starts the nightly run and the cluster does the work; \
        $PRECIS_CATALOG and $SLURM_CONF are passed on too.
        """
    )

    @Argument(help: "Pipeline name or path to a pipeline file.")
    var pipeline: String

    @Flag(help: "How to schedule it.")
    var kind: ScheduleKind = .systemd

    @Option(help: "The precis binary the scheduled runs call (default: this one when installed).", completion: .file())
    var binary: String?
    @Flag(help: "Submit each scheduled run to Slurm (`precis slurm submit`) instead of running it here.") var slurm = false
    @Option(help: "With --slurm: array tasks (workers) per run.") var array = 2
    @Option(help: "With --slurm: the partition.") var partition: String?
    @Option(help: ArgumentHelp("With --slurm: time limit per task (sbatch's format).", valueName: "t")) var time: String?

    func validate() throws {
        guard slurm || (array == 2 && partition == nil && time == nil) else {
            throw ValidationError("--array, --partition and --time go with --slurm")
        }
        guard (1...10_000).contains(array) else { throw ValidationError("--array must be between 1 and 10000") }
        if let time, !SlurmBatchScript.isTimeLimit(time) { throw ValidationError("--time \(time): not a time limit sbatch reads") }
    }

    /// The `slurm submit` options of --slurm; nil without it.
    var slurmOptions: [String]? {
        guard slurm else { return nil }
        return ["--array", String(array)] + (partition.map { ["--partition", $0] } ?? []) + (time.map { ["--time", $0] } ?? [])
    }
    @OptionGroup var log: LogOptions

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        var installer = ScheduleCommand.installer(binary: try InstalledBinary.find(given: binary))
        installer.slurmOptions = slurmOptions
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

/// The `precis` a schedule may call: an installed binary, never one inside
/// a build directory that the next `swift build` replaces or `make clean` removes.
enum InstalledBinary {
    static func find(given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let given {
            let url = URL(fileURLWithPath: given).standardizedFileURL
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw ValidationError("--binary \(given): not an executable file")
            }
            return url
        }
        let running = ScheduleCommand.currentExecutable()
        if !isInBuildDirectory(running) { return running }
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("precis").resolvingSymlinksInPath()
            if FileManager.default.isExecutableFile(atPath: candidate.path), !isInBuildDirectory(candidate) { return candidate }
        }
        throw PipelineError.schedule("""
            \(running.path) is inside a build directory, which the next build replaces; install precis first \
            (make install PREFIX=~/.local, with ~/.local/bin on PATH) or name one with --binary
            """)
    }

    static func isInBuildDirectory(_ url: URL) -> Bool { url.pathComponents.contains(".build") }
}
