import ArgumentParser

/// `precis model …`: list, fetch and describe models.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "List and fetch registry models, or describe a GGUF model.",
        subcommands: [ModelListCommand.self, ModelFetchCommand.self, ModelInfoCommand.self]
    )
}
