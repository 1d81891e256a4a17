import ArgumentParser

/// `precis heads …`: DuoAttention head patterns (which KV heads keep the
/// full context).
struct HeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heads",
        abstract: "Inspect DuoAttention head patterns: which KV heads are retrieval heads and which stream.",
        subcommands: [HeadsShowCommand.self, HeadsIdentifyCommand.self]
    )
}
