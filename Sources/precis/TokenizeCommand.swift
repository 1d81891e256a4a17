import ArgumentParser
import Foundation
import GGUF
import Inference

/// `precis tokenize`: text → token ids with the model's tokenizer.
struct TokenizeCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Print the token ids of a text under the model's tokenizer.",
        discussion: """
        Reads FILE, or standard input when FILE is '-' or absent. Control tokens written \
        in the text (e.g. <|im_start|>) become their ids unless --no-special is given. \
        No BOS token is added. Output: ids separated by spaces, or a JSON array with --json.
        """
    )

    @OptionGroup var model: ModelOptions
    @Flag(help: "Print a JSON array instead of space-separated ids.") var json = false
    @Flag(name: .customLong("no-special"), help: "Tokenize control-token text literally instead of as special ids.")
    var noSpecial = false
    @Argument(help: ArgumentHelp("Text file to tokenize ('-' or absent: standard input).", valueName: "file"))
    var input: String?
    @OptionGroup var log: LogOptions

    func run() throws {
        let tokenizer = try TokenizerLoader.load(from: model.open())
        let text = try CommandInput.readText(input)
        let ids = tokenizer.encode(text, parseSpecial: !noSpecial)
        if json {
            print("[" + ids.map(String.init).joined(separator: ",") + "]")
        } else {
            print(ids.map(String.init).joined(separator: " "))
        }
    }
}

/// Reading command input from a file or standard input.
enum CommandInput {
    /// The UTF-8 text of `path`, or of standard input for nil or "-".
    static func readText(_ path: String?) throws -> String {
        String(decoding: try readData(path), as: UTF8.self)
    }

    static func readData(_ path: String?) throws -> Data {
        guard let path, path != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read input file: \(path)")
        }
        return data
    }
}
