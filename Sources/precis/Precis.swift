import ArgumentParser

/// The `precis` command: summarize long documents on a local model.
@main
struct Precis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precis",
        abstract: "Summarize long documents on a local language model, with DuoAttention and reusable KV snapshots.",
        discussion: """
        Models and snapshots live under $PRECIS_HOME (default $XDG_CACHE_HOME/precis, \
        or ~/.cache/precis). Every command that takes --model (a GGUF file or a \
        registry model name, see `precis model list`) defaults to $PRECIS_MODEL, else \
        the registry default model.
        """,
        subcommands: [
            SummarizeCommand.self, RunCommand.self, ModelCommand.self, TokenizeCommand.self, DetokenizeCommand.self, GenerateCommand.self,
            EvalCommand.self, IngestCommand.self, BenchCommand.self, HeadsCommand.self,
            PrefillCommand.self, AskCommand.self, ChatCommand.self, SnapshotsCommand.self, ScheduleCommand.self,
        ]
    )
}
