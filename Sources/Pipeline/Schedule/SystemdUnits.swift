/// The systemd user units that run a pipeline on schedule:
/// `precis-<name>.service` (a oneshot `precis run`) and `precis-<name>.timer`.
public enum SystemdUnits {
    /// `precis-<name>.service`.
    public static func serviceName(_ pipeline: String) -> String { "precis-\(pipeline).service" }
    /// `precis-<name>.timer`.
    public static func timerName(_ pipeline: String) -> String { "precis-\(pipeline).timer" }

    /// Comment lines that let `precis schedule list` read a timer back.
    static let scheduleTag = "# precis-schedule: "
    static let pipelineTag = "# precis-pipeline: "

    /// The service unit: runs the pipeline once, at low CPU priority.
    public static func service(_ job: ScheduleJob) -> String {
        var lines = [
            header(job.name),
            "[Unit]",
            "Description=Precis pipeline \(job.name)",
            "",
            "[Service]",
            "Type=oneshot",
            "ExecStart=" + ([job.binary] + job.verb + [job.pipelineFile] + job.options).map(ShellQuoting.systemd).joined(separator: " "),
        ]
        for (key, value) in job.environment.sorted(by: { $0.key < $1.key }) {
            lines.append("Environment=\(ShellQuoting.systemdAssignment("\(key)=\(value)"))")
        }
        lines.append("Nice=10")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The timer unit: one `OnCalendar=` per calendar of the schedule;
    /// `Persistent=true` runs a missed night at the next boot or login.
    public static func timer(_ job: ScheduleJob) -> String {
        var lines = [
            header(job.name),
            scheduleTag + job.schedule.source,
            pipelineTag + job.pipelineFile,
            "[Unit]",
            "Description=Run Precis pipeline \(job.name) (\(job.schedule.source))",
            "",
            "[Timer]",
        ]
        lines += job.schedule.systemdCalendars.map { "OnCalendar=\($0)" }
        lines += ["Persistent=true", "", "[Install]", "WantedBy=timers.target"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func header(_ name: String) -> String {
        "# Written by `precis schedule install`; remove with `precis schedule remove \(name)`."
    }

    /// The schedule and pipeline file recorded in a timer written by `timer(_:)`.
    static func read(timer text: String) -> (schedule: String, pipelineFile: String?)? {
        var schedule: String?, pipeline: String?
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix(scheduleTag) { schedule = String(line.dropFirst(scheduleTag.count)) }
            if line.hasPrefix(pipelineTag) { pipeline = String(line.dropFirst(pipelineTag.count)) }
        }
        return schedule.map { ($0, pipeline) }
    }
}
