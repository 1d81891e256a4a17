import Foundation
import GGUF
import Logging

/// Where commands write progress (stderr) and data (stdout).
enum Console {
    /// The lowest level printed on stderr, set once from `-q`/`-v` before a command runs.
    nonisolated(unsafe) private(set) static var level = Logger.Level.info
    /// The log of progress, notes, warnings and details (stderr).
    nonisolated(unsafe) private(set) static var log = Logger(label: "precis") { _ in StandardErrorLog(logLevel: .info) }

    /// Prints messages of `level` and above from now on.
    static func setLevel(_ level: Logger.Level) {
        self.level = level
        log = Logger(label: "precis") { _ in StandardErrorLog(logLevel: level) }
    }

    /// A progress line or note on stderr (not with `-q`); data on stdout stays clean for pipes.
    static func progress(_ line: String) {
        log.info("\(line)")
    }

    /// `warning: …` on stderr, shown even with `-q`.
    static func warning(_ line: String) {
        log.warning("\(line)")
    }

    /// A detail shown with `-v`: a file or setting chosen, a timing.
    static func debug(_ line: @autoclosure () -> String) {
        log.debug("\(line())")
    }

    /// Whether progress lines are shown (not with `-q`).
    static var showsProgress: Bool { level <= .info }

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
