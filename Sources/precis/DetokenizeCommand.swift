import ArgumentParser
import Foundation
import GGUF
import Inference

/// `precis detokenize`: token ids → text with the model's tokenizer.
struct DetokenizeCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "detokenize",
        abstract: "Print the text of token ids under the model's tokenizer.",
        discussion: """
        Ids come from the arguments (e.g. `precis detokenize 19556 905`), or from FILE, or \
        from standard input when the only argument is '-' or there is none. Ids may be \
        separated by spaces, commas or newlines, or written as a JSON array \
        (the output of `precis tokenize`, with or without --json).
        """
    )

    @OptionGroup var model: ModelOptions
    @Flag(name: .customLong("skip-special"), help: "Leave out control tokens (e.g. <|im_end|>) instead of printing their text.")
    var skipSpecial = false
    @Argument(help: ArgumentHelp("Token ids, or one file of ids, or '-' for standard input.", valueName: "ids|file"))
    var inputs: [String] = []
    @OptionGroup var log: LogOptions

    func run() throws {
        let tokenizer = try TokenizerLoader.load(from: model.open())
        let ids = try Self.parseIDs(try idText(), vocabularySize: tokenizer.vocabularySize)
        FileHandle.standardOutput.write(Data(tokenizer.decode(ids, skipSpecial: skipSpecial).utf8))
    }

    /// The text holding the ids: the arguments themselves, a file, or standard input.
    private func idText() throws -> String {
        if inputs.isEmpty { return try CommandInput.readText(nil) }
        if inputs.count == 1, Int32(inputs[0]) == nil {
            let path = inputs[0]
            guard path == "-" || FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("'\(path)' is neither a token id nor a readable file")
            }
            return try CommandInput.readText(path)
        }
        return inputs.joined(separator: " ")
    }

    /// Parses ids separated by whitespace or commas, optionally inside `[...]`.
    static func parseIDs(_ text: String, vocabularySize: Int) throws -> [Int32] {
        let separators: Set<Character> = [" ", "\t", "\n", "\r", ",", "[", "]"]
        return try text.split(whereSeparator: { separators.contains($0) }).map { field in
            guard let id = Int32(field) else { throw ValidationError("not a token id: '\(field)'") }
            guard id >= 0, Int(id) < vocabularySize else {
                throw ValidationError("token id \(id) is outside the vocabulary (0..<\(vocabularySize))")
            }
            return id
        }
    }
}
