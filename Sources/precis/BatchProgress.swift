import Foundation
import Pipeline

/// Shows a batch run's progress on stderr: a live line on a terminal
/// (documents done/total, current document and phase, tokens/s, ETA),
/// plain log lines otherwise; nothing with `quiet` except failures.
final class BatchProgress: @unchecked Sendable {
    private let line = ProgressLine(interval: 15)
    private let quiet: Bool
    private let lock = NSLock()
    private let started = Date()
    private var total = 0, finished = 0
    private var tokensRead = 0, readingSeconds = 0.0
    private var phaseStarted = Date()

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: BatchEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case let .discovered(count):
            total = count
            say("\(count) file\(count == 1 ? "" : "s") found")
        case let .documentStarted(index, total, document):
            phaseStarted = Date()
            show("[\(index + 1)/\(total)] \(document): ingesting")
        case let .phase(document, phase):
            show("[\(finished + 1)/\(total)] \(document): \(describe(phase))\(rates)")
        case let .documentFinished(_, _, entry):
            finished += 1
            line.finish()
            let seconds = entry.seconds.map { String(format: " in %.1f s", $0) } ?? ""
            let status = entry.status == .ignored ? "skipped" : entry.status.rawValue
            let message = "[\(finished)/\(total)] \(entry.document): \(status)\(seconds)"
                + ((entry.error ?? entry.note).map { " — \($0)" } ?? "")
            if entry.status == .failed { Console.progress("error: " + message) } else { say(message) }
        }
    }

    private func describe(_ phase: SummaryPhase) -> String {
        switch phase {
        case let .reading(segment, count, done, total):
            if done == total && total > 0 {
                tokensRead += total
                readingSeconds += Date().timeIntervalSince(phaseStarted)
            }
            if done == 0 { phaseStarted = Date() }
            return "reading part \(segment + 1)/\(count), \(done)/\(total) tokens"
        case let .writing(part): return "writing \(part)"
        case let .merging(level): return "merging (level \(level))"
        }
    }

    private var rates: String {
        let rate = readingSeconds > 0 ? String(format: ", %.0f tok/s", Double(tokensRead) / readingSeconds) : ""
        guard finished > 0 else { return rate }
        let eta = Date().timeIntervalSince(started) / Double(finished) * Double(total - finished)
        return rate + String(format: ", ETA %.0f s", eta)
    }

    private func show(_ text: String) { if !quiet { line.update(text) } }
    private func say(_ text: String) { if !quiet { Console.progress(text) } }

    func finish() { line.finish() }
}
