import ArgumentParser
import Foundation
import Pipeline

/// `precis runs`: the history of batch runs, from the catalog.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Show the history of summarize and pipeline runs.",
        discussion: """
        Every `precis summarize` and `precis run` is recorded in the catalog \
        ($XDG_STATE_HOME/precis/catalog.sqlite): when it started and ended, how it \
        ended (completed, failed, interrupted, or killed when its process died), and \
        its counts. `runs list` shows the latest runs; `runs show ID` one run with the \
        documents whose latest result it recorded and, while it runs, its progress \
        and workers. --catalog or --pipeline reads another catalog (a shared PostgreSQL \
        one); $PRECIS_CATALOG sets the default.
        """,
        subcommands: [RunsListCommand.self, RunsShowCommand.self],
        defaultSubcommand: RunsListCommand.self
    )

    /// A run's duration, or `running`.
    static func duration(_ run: RunRecord) -> String {
        guard let ended = run.ended else { return run.status == .running ? "running" : "" }
        return String(format: "%.1f s", ended.timeIntervalSince(run.started))
    }
}
