import Foundation
import GGUF
import Pipeline

/// A chat prompt on a terminal: the line is edited in raw mode (arrows,
/// Home/End, Ctrl-A/E/K/U/W, history with Up/Down), Ctrl-C abandons the
/// line, Ctrl-D on an empty line ends input. The history is kept in
/// `historyFile` between chats.
final class LineEditor {
    private var editing: LineEditing
    private let historyFile: URL?
    private static let historyLimit = 500

    init(historyFile: URL?) {
        self.historyFile = historyFile
        let saved = historyFile.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
        editing = LineEditing(history: saved.split(separator: "\n").map(String.init))
    }

    /// The next line typed after `prompt`, or nil at end of input.
    func readLine(prompt: String) -> String? {
        guard let raw = RawTerminal() else { return Swift.readLine() }
        defer { raw.restore() }
        draw(prompt)
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(STDIN_FILENO, &buffer, buffer.count)
            guard n > 0 else { return nil }
            for key in EditKey.parse(Array(buffer[0..<n])) {
                let before = editing
                switch editing.apply(key) {
                case .editing: continue
                case let .submitted(line):
                    draw(prompt, before)
                    write("\r\n")
                    save()
                    return line
                case .abandoned:
                    draw(prompt, before)
                    write("^C\r\n")
                    draw(prompt)
                case .endOfInput:
                    write("\r\n")
                    return nil
                }
            }
            draw(prompt)
        }
    }

    /// The prompt and line redrawn, the cursor placed.
    private func draw(_ prompt: String, _ state: LineEditing? = nil) {
        let shown = state ?? editing, back = shown.line.count - shown.cursor
        write("\r" + prompt + shown.text + "\u{1b}[K" + (back > 0 ? "\u{1b}[\(back)D" : ""))
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    private func save() {
        guard let historyFile else { return }
        let kept = editing.history.suffix(Self.historyLimit).joined(separator: "\n") + "\n"
        try? FileManager.default.createDirectory(at: historyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? AtomicFile.write(Array(kept.utf8), to: historyFile.path)
    }
}

/// The terminal in raw mode (no echo, no line buffering, no signals from
/// keys) until `restore`; nil when stdin or stderr is not a terminal.
struct RawTerminal {
    private let saved: termios

    init?() {
        guard isatty(STDIN_FILENO) != 0, isatty(STDERR_FILENO) != 0 else { return nil }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        saved = original
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return nil }
    }

    func restore() {
        var original = saved
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
    }
}
