import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule list`: the installed pipeline schedules and when they run next.
struct ScheduleListCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List scheduled pipelines: name, kind, cron schedule, next run, last run, pipeline file.",
        discussion: """
        Reads the precis-*.timer units in the systemd user unit directory and the crontab lines \
        marked by `precis schedule install`. Next runs are computed from the cron expression in \
        local time. The last run and its result come from the catalog of this $PRECIS_HOME. \
        --json prints an array of {name, kind, schedule, next_run (ISO 8601, null if never), \
        last_run (the catalog's run record, null if none), pipeline_file, location}.
        """
    )

    @Flag(help: "Print JSON instead of a table.") var json = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let entries = try ScheduleCommand.installer().list()
        let last = Self.lastRuns(of: entries.map(\.name))
        if json {
            try Console.printJSON(entries.map { Row($0, lastRun: last[$0.name]) })
            return
        }
        guard !entries.isEmpty else {
            print("no pipelines are scheduled; add one with: precis schedule install PIPELINE")
            return
        }
        let rows = [["NAME", "KIND", "SCHEDULE", "NEXT RUN", "LAST RUN", "PIPELINE"]] + entries.map {
            [$0.name, $0.kind.rawValue, $0.schedule, ScheduleCommand.format($0.nextRun), Self.describe(last[$0.name]),
             $0.pipelineFile ?? "?"]
        }
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { $1.padding(toLength: $0 == 5 ? $1.count : widths[$0], withPad: " ", startingAt: 0) }
            print(cells.joined(separator: "  "))
        }
    }

    /// The newest catalog run of each pipeline name (none when the catalog does not exist yet).
    static func lastRuns(of names: [String]) -> [String: RunRecord] {
        guard let catalog = try? CatalogOpener.openExisting() else { return [:] }
        var out: [String: RunRecord] = [:]
        for name in names { out[name] = (try? catalog.runs(pipeline: name))?.first }
        return out
    }

    /// "2026-12-01 03:00 completed: 5 summarized, 1 failed", or "never".
    static func describe(_ run: RunRecord?) -> String {
        guard let run else { return "never" }
        var counts = ["\(run.summarized) summarized"]
        if run.skipped > 0 { counts.append("\(run.skipped) unchanged") }
        if run.failed > 0 { counts.append("\(run.failed) failed") }
        return "\(ScheduleCommand.format(run.started)) \(run.status.rawValue): " + counts.joined(separator: ", ")
    }

    /// One schedule in `--json` output.
    struct Row: Encodable {
        let name: String
        let kind: String
        let schedule: String
        let nextRun: String?
        let pipelineFile: String?
        let location: String
        let lastRun: RunRecord?

        init(_ entry: ScheduledPipeline, lastRun: RunRecord?) {
            self.lastRun = lastRun
            name = entry.name
            kind = entry.kind.rawValue
            schedule = entry.schedule
            nextRun = entry.nextRun.map { ISO8601DateFormatter().string(from: $0) }
            pipelineFile = entry.pipelineFile
            location = entry.location
        }

        enum CodingKeys: String, CodingKey {
            case name, kind, schedule, nextRun = "next_run", pipelineFile = "pipeline_file", location, lastRun = "last_run"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(schedule, forKey: .schedule)
            try container.encode(nextRun, forKey: .nextRun)
            try container.encode(pipelineFile, forKey: .pipelineFile)
            try container.encode(location, forKey: .location)
            try container.encode(lastRun, forKey: .lastRun)
        }
    }
}
