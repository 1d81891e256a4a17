import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule list`: the installed pipeline schedules and when they run next.
struct ScheduleListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List scheduled pipelines: name, kind, cron schedule, next run, pipeline file.",
        discussion: """
        Reads the precis-*.timer units in the systemd user unit directory and the crontab lines \
        marked by `precis schedule install`. Next runs are computed from the cron expression in \
        local time. --json prints an array of {name, kind, schedule, next_run (ISO 8601, null \
        if never), pipeline_file, location}.
        """
    )

    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let entries = try ScheduleCommand.installer().list()
        if json {
            try Console.printJSON(entries.map(Row.init))
            return
        }
        guard !entries.isEmpty else {
            print("no pipelines are scheduled; add one with: precis schedule install PIPELINE")
            return
        }
        let rows = [["NAME", "KIND", "SCHEDULE", "NEXT RUN", "PIPELINE"]] + entries.map {
            [$0.name, $0.kind.rawValue, $0.schedule, ScheduleCommand.format($0.nextRun), $0.pipelineFile ?? "?"]
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { $1.padding(toLength: $0 == 4 ? $1.count : widths[$0], withPad: " ", startingAt: 0) }
            print(cells.joined(separator: "  "))
        }
    }

    /// One schedule in `--json` output.
    struct Row: Encodable {
        let name: String
        let kind: String
        let schedule: String
        let nextRun: String?
        let pipelineFile: String?
        let location: String

        init(_ entry: ScheduledPipeline) {
            name = entry.name
            kind = entry.kind.rawValue
            schedule = entry.schedule
            nextRun = entry.nextRun.map { ISO8601DateFormatter().string(from: $0) }
            pipelineFile = entry.pipelineFile
            location = entry.location
        }

        enum CodingKeys: String, CodingKey {
            case name, kind, schedule, nextRun = "next_run", pipelineFile = "pipeline_file", location
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(schedule, forKey: .schedule)
            try container.encode(nextRun, forKey: .nextRun)
            try container.encode(pipelineFile, forKey: .pipelineFile)
            try container.encode(location, forKey: .location)
        }
    }
}
