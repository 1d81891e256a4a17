import ArgumentParser

/// `precis snapshots`: the stored document snapshots.
struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "List, inspect, verify and prune stored snapshots.",
        discussion: """
        Snapshots live under $PRECIS_HOME/snapshots (default ~/.cache/precis/snapshots), one \
        .pkv file per document, model, pattern and settings; the catalog in the state \
        directory indexes them with size, token count, creation and last use.
        """,
        subcommands: [SnapshotsListCommand.self, SnapshotsShowCommand.self, SnapshotsVerifyCommand.self,
                      SnapshotsPruneCommand.self]
    )
}
