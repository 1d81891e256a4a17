import Foundation
import GGUF

/// Where commands write progress (stderr) and data (stdout).
enum Console {
    /// A progress line on stderr; data on stdout stays clean for pipes.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Pretty-printed, key-sorted JSON of any encodable value on stdout.
    static func printJSON<T: Encodable>(_ value: T) throws {
        print(try JSONFormat.text(value))
    }
}

extension Console {
    /// Prints `message` on stderr after `error: ` (replacing the argument
    /// parser's `Error: `) and exits with `exitCode`.
    static func error(_ message: String, exitCode: Int32) -> Never {
        var text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        while text.hasSuffix("\n") { text.removeLast() }
        FileHandle.standardError.write(Data("error: \(text)\n".utf8))
        exit(exitCode)
    }

    /// An error as one line: its description (which, for the package's
    /// errors, names the file and the problem), newlines folded.
    static func line(for error: Error) -> String {
        let text = error is CocoaError ? error.localizedDescription : String(describing: error)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "; ")
    }
}
