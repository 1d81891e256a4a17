import ArgumentParser

/// `precis model …`: fetch and describe models.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Fetch the default model or describe a GGUF model.",
        subcommands: [ModelFetchCommand.self, ModelInfoCommand.self]
    )
}
