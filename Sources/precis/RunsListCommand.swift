import ArgumentParser
import Foundation
import Pipeline

/// `precis runs list`.
struct RunsListCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the latest runs, newest first."
    )

    @Option(help: "Show at most this many runs.") var limit = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var selection: CatalogSelection
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
    }

    func run() throws {
        let runs = try selection.open().runs(limit: limit)
        if json { return try Console.printJSON(runs) }
        guard !runs.isEmpty else { return print("no runs recorded") }
        print("| id | pipeline | started | took | status | documents | summarized | unchanged | failed |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for r in runs {
            print("| \(r.id ?? 0) | \(r.pipeline) | \(SnapshotsListCommand.dateText(r.started)) | \(RunsCommand.duration(r)) | "
                + "\(r.status.rawValue) | \(r.documents) | \(r.summarized) | \(r.skipped) | \(r.failed) |")
        }
    }
}
