import ArgumentParser
import GGUF
import Inference

/// `precis model info`: what a GGUF model is and how it is stored.
struct ModelInfoCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a GGUF model: architecture, sizes, RoPE, tokenizer, chat template, tensor types."
    )

    @OptionGroup var model: ModelOptions
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let gguf = try model.open()
        let config = try ModelConfig(gguf: gguf)
        let family = gguf.string("tokenizer.chat_template").map { ChatTemplate.detectFamily($0)?.rawValue ?? "unrecognized" } ?? "none"
        let summary = ModelSummary(gguf: gguf, config: config, chatTemplateFamily: family)
        if json { try Console.printJSON(summary) } else { print(summary.text) }
    }
}
