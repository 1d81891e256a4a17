import Foundation
import Pipeline

/// A progress line on stderr: rewritten in place on a terminal, printed as
/// plain lines (at most one per `interval` seconds) otherwise, so logs of
/// nightly runs stay readable. On a terminal the line is cut to its width,
/// so rewriting it never leaves wrapped rows behind.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let interval: TimeInterval
    private var lastPrinted = Date.distantPast
    private var width = 0

    init(interval: TimeInterval = 10) {
        self.interval = interval
    }

    /// Shows `text`; `force` prints it even off a terminal within `interval`.
    func update(_ text: String, force: Bool = false) {
        guard Console.showsProgress else { return }
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            let text = TerminalLine.fit(text, columns: TerminalLine.columns())
            let padding = String(repeating: " ", count: max(0, width - text.count))
            FileHandle.standardError.write(Data("\r\(text)\(padding)".utf8))
            width = text.count
        } else if force || Date().timeIntervalSince(lastPrinted) >= interval {
            FileHandle.standardError.write(Data((text + "\n").utf8))
            lastPrinted = Date()
        }
    }

    /// Ends the line on a terminal (the next output starts on a fresh line).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal && width > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        width = 0
    }

    /// A `PrefillProgress` callback that shows tokens done, rate and ETA.
    func prefill(label: String) -> @Sendable (Int, Int) -> Void {
        let started = Date()
        return { [self] done, total in
            let elapsed = Date().timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let percent = total > 0 ? 100 * done / total : 100
            update(String(format: "%@: prefill %d/%d tokens (%d%%), %.0f tok/s, ETA %.0f s",
                          label, done, total, percent, rate, eta), force: done == total || done == 0)
        }
    }
}
