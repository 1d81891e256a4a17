import ArgumentParser
import Inference

/// `precis eval nll`: teacher-forced mean negative log-likelihood of a file.
struct EvalNLLCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "nll",
        abstract: "Mean negative log-likelihood (natural log) of a text file's tokens, in one context.",
        discussion: "Tokens from --from-token on are scored, each predicted from all tokens before it."
    )

    @OptionGroup var model: ModelOptions
    @Option(help: "The text file to score.") var file: String
    @Option(help: "First token index to score (earlier tokens are context only).") var fromToken = 0
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: "Activation numerics: exact (f32), fast (8-bit activation blocks in decode mat-vecs, like llama.cpp) or llama-cpp (rounded like llama.cpp, to compare with it).")
    var numerics: Numerics = .exact
    @Flag(help: "Print JSON: tokens, scored, mean_nll.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard fromToken >= 0 else { throw ValidationError("--from-token must be zero or more, got \(fromToken)") }
    }

    func run() throws {
        let gguf = try model.open()
        let engine = try Engine(gguf: gguf)
        let layout = try duo.layout(gguf: gguf, config: engine.model.config)
        if !json { Console.progress(DuoOptions.describe(layout)) }
        let text = try readText(file)
        var tokens = engine.tokenizer.encode(text, parseSpecial: false)
        if engine.tokenizer.addBOS, let bos = engine.tokenizer.bosID { tokens.insert(bos, at: 0) }
        guard fromToken < tokens.count else {
            throw ValidationError("--from-token \(fromToken) is past the end of \(file) (\(tokens.count) tokens)")
        }
        let session = Session(model: engine.model, layout: layout, maxTokens: tokens.count,
                              chunkSize: duo.chunk, numerics: numerics)
        let result = try NegativeLogLikelihood.evaluate(tokens, fromToken: fromToken, session: session) { done in
            if !json { Console.progress("scored through token \(done)/\(tokens.count)") }
        }
        if json {
            try Console.printJSON(result)
        } else {
            print("tokens \(result.tokens), scored \(result.scored), mean NLL \(result.meanNLL), \(result.seconds) s")
        }
    }
}
