import ArgumentParser
import Foundation
import Pipeline

/// `precis runs show ID`.
struct RunsShowCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one run and the documents whose latest result it recorded."
    )

    @Argument(help: "The run's id (see `precis runs list`).") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    /// What `--json` prints.
    struct Report: Encodable {
        var run: RunRecord
        var results: [ResultRecord]
        var progress: WorkProgress
    }
    @OptionGroup var selection: CatalogSelection
    @OptionGroup var log: LogOptions

    func run() throws {
        let catalog = try selection.open()
        guard let run = try catalog.run(id: id) else {
            throw ValidationError("no run \(id) in the catalog; `precis runs list` shows the recorded ones")
        }
        let results = try catalog.results(runID: id)
        let progress = try catalog.progress(runID: id)
        if json { return try Console.printJSON(Report(run: run, results: results, progress: progress)) }
        print("""
            run        \(id)
            pipeline   \(run.pipeline)
            started    \(SnapshotsListCommand.dateText(run.started))
            took       \(RunsCommand.duration(run))
            status     \(run.status.rawValue)
            documents  \(run.documents): \(run.summarized) summarized, \(run.skipped) unchanged, \(run.failed) failed
            """)
        if progress.total > 0 && (run.status == .running || progress.done < progress.total) {
            print("progress   \(progress.done)/\(progress.total) done, \(progress.claimed) in hand, \(progress.pending) waiting"
                  + (progress.workers.isEmpty ? "" : "\nworkers    " + progress.workers.joined(separator: ", ")))
        }
        guard !results.isEmpty else { return }
        print("\n| document | result | summary or error |\n| --- | --- | --- |")
        for r in results {
            print("| \(r.path) | \(r.status.rawValue) | \(r.markdownPath ?? r.error?.replacingOccurrences(of: "\n", with: " ") ?? "") |")
        }
    }
}
