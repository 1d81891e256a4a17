import Foundation

/// Fitting a live progress line to the terminal: a line longer than the
/// terminal wraps, and `\r` then rewrites only its last row, leaving a trail
/// of stale rows behind.
public enum TerminalLine {
    /// `text` cut to at most `columns - 1` characters (the last column is
    /// left free so the cursor never wraps), ending in `…` when cut.
    public static func fit(_ text: String, columns: Int) -> String {
        let room = max(columns - 1, 1)
        guard text.count > room else { return text }
        return String(text.prefix(room - 1)) + "…"
    }

    /// The width of the terminal on file descriptor `fd`; `$COLUMNS` or 80
    /// when it is not a terminal or does not say.
    public static func columns(of fd: Int32 = STDERR_FILENO) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
    }
}
