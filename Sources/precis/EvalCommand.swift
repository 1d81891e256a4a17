import ArgumentParser

/// `precis eval …`: measure model quality.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate summaries against key facts, snapshot codecs by their answers, the negative log-likelihood of a text, passkey retrieval.",
        subcommands: [EvalNLLCommand.self, EvalPasskeyCommand.self, EvalSummariesCommand.self, EvalSnapshotsCommand.self]
    )
}
