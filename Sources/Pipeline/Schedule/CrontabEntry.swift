import Foundation

/// The crontab line that runs a pipeline, and reading such lines back.
///
/// The command runs under `flock -n` so a run that is still going when the
/// next one is due makes the next one exit at once instead of piling up;
/// output is appended to a log. A trailing `# precis-schedule:<name>` comment
/// marks the line so it can be found and removed.
public enum CrontabEntry {
    static let markerPrefix = "# precis-schedule:"

    /// The marker comment that ends the pipeline's line.
    public static func marker(_ pipeline: String) -> String { markerPrefix + pipeline }

    /// `<schedule> [VAR='…' …] flock -n '<state>/<name>.lock' '<precis>' run '<file>' >>'<state>/logs/<name>.log' 2>&1 # precis-schedule:<name>`.
    public static func line(_ job: ScheduleJob, stateDirectory: String) -> String {
        let lock = "\(stateDirectory)/\(job.name).lock"
        let log = "\(stateDirectory)/logs/\(job.name).log"
        var words = job.environment.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\(ShellQuoting.sh($0.value))" }
        words += ["flock", "-n", ShellQuoting.sh(lock), ShellQuoting.sh(job.binary)] + job.verb
            + [ShellQuoting.sh(job.pipelineFile)] + job.options.map(ShellQuoting.sh) + [">>\(ShellQuoting.sh(log))", "2>&1"]
        // cron turns an unescaped % in the command into a newline.
        let command = words.joined(separator: " ").replacingOccurrences(of: "%", with: "\\%")
        return "\(job.schedule.source) \(command) \(marker(job.name))"
    }

    /// Whether `line` is the entry of `pipeline`.
    public static func isEntry(_ line: String, of pipeline: String) -> Bool {
        line.hasSuffix(" " + marker(pipeline))
    }

    /// The pipeline name, schedule and pipeline file of a line written by `line(_:stateDirectory:)`.
    static func read(_ line: String) -> (name: String, schedule: String, pipelineFile: String?)? {
        guard let range = line.range(of: " " + markerPrefix, options: .backwards) else { return nil }
        let name = String(line[range.upperBound...])
        guard PipelineConfig.isValidName(name) else { return nil }
        let fields = line[..<range.lowerBound].split(separator: " ", omittingEmptySubsequences: true)
        guard let first = fields.first else { return nil }
        let count = first.hasPrefix("@") ? 1 : 5
        guard fields.count > count else { return nil }
        let schedule = fields.prefix(count).joined(separator: " ")
        let words = ShellQuoting.shWords(line[..<range.lowerBound].replacingOccurrences(of: "\\%", with: "%"))
        let file = words.firstIndex(where: { $0 == "run" || $0 == "submit" }).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        return (name, schedule, file)
    }
}
