import ArgumentParser
import Foundation
import GGUF
import Inference

/// `precis generate`: continue a prompt, or answer it as a chat turn.
struct GenerateCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text from a prompt with the local model.",
        discussion: """
        Without --chat the prompt is fed as is, special tokens such as <|im_start|> \
        parsed (--no-special to disable). With --chat it is rendered as a user turn \
        with the model's chat template. Text streams to stdout as it is generated; \
        --json prints one object at the end instead.
        """
    )

    @OptionGroup var model: ModelOptions
    @Option(help: "The prompt text.") var prompt: String?
    @Option(help: "Read the prompt from a file.") var promptFile: String?
    @Flag(help: "Render the prompt with the model's chat template.") var chat = false
    @Option(help: "System message for --chat (default: the template's own).") var system: String?
    @Option(help: "Chat template family to use instead of detecting it (chatml, llama3, llama2, gemma).")
    var template: String?
    @Flag(help: "Do not parse special tokens written in the prompt.") var noSpecial = false
    @OptionGroup var sampling: SamplingFlags
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: "Activation numerics: exact (f32), fast (8-bit activation blocks in decode mat-vecs, like llama.cpp) or llama-cpp (rounded like llama.cpp, to compare with it).")
    var numerics: Numerics = .fast
    @Flag(help: "Print JSON: prompt_tokens, tokens, text, prefill_tok_s, decode_tok_s.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (prompt == nil) != (promptFile == nil) else {
            throw ValidationError("give exactly one of --prompt TEXT or --prompt-file FILE")
        }
    }

    func run() throws {
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        var text = try prompt ?? readText(promptFile!)
        if chat {
            text = try ChatTemplate.forModel(gguf, override: template).render(system: system, user: text)
        }
        let ids = (chat || !noSpecial) ? engine.tokenizer.encodePrompt(text)
            : ((engine.tokenizer.addBOS ? engine.tokenizer.bosID.map { [$0] } : nil) ?? []) + engine.tokenizer.encode(text, parseSpecial: false)
        let layout = try duo.layout(gguf: gguf, config: engine.model.config)
        let session = Session(model: engine.model, layout: layout, chunkSize: duo.chunk, numerics: numerics)
        let started = Date()
        let logits = try session.prefill(ids)
        let prefillSeconds = Date().timeIntervalSince(started)
        var generator = Generator(session: session, tokenizer: engine.tokenizer, sampling: sampling.options,
                                  rules: StopRules(maxTokens: sampling.maxTokens, stopTokens: engine.tokenizer.eogIDs))
        let result = try generator.generate(from: logits, history: ids) { piece in
            if !json { FileHandle.standardOutput.write(Data(piece.utf8)) }
        }
        if json {
            try Console.printJSON(GenerateReport(promptTokens: ids.count, tokens: result.tokens, text: result.text,
                                                 prefillTokS: Double(ids.count) / prefillSeconds,
                                                 decodeTokS: result.tokensPerSecond))
        } else {
            print("")
        }
    }
}

/// `precis generate --json` output.
struct GenerateReport: Encodable {
    var promptTokens: Int
    var tokens: [Int32]
    var text: String
    var prefillTokS: Double
    var decodeTokS: Double

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", tokens, text, prefillTokS = "prefill_tok_s", decodeTokS = "decode_tok_s"
    }
}

/// Reads a UTF-8 text file, or stdin for "-", with an error naming the file.
func readText(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path): no such file or not readable")
        }
        data = d
    }
    guard let s = String(data: data, encoding: .utf8) else { throw ValidationError("\(path) is not valid UTF-8 text") }
    return s
}
