import Foundation
import Pipeline

/// Shows a batch run's progress on stderr: a live line on a terminal
/// (documents done/total, current document and phase, tok/s, time left),
/// plain log lines otherwise; nothing with `quiet` except failures and
/// warnings about documents read in part.
///
/// tok/s and the time left come from `ProgressEstimate`: document tokens
/// summarized per second of work, and tokens left at that rate.
final class BatchProgress: @unchecked Sendable {
    private let line = ProgressLine(interval: 15)
    private let quiet: Bool
    private let lock = NSLock()
    private var total = 0, finished = 0
    private var estimate = ProgressEstimate(documentBytes: [])
    private var segmentRead = (segment: -1, done: 0)

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: BatchEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case let .discovered(count, bytes):
            total = count
            estimate = ProgressEstimate(documentBytes: bytes)
            say("\(count) file\(count == 1 ? "" : "s") found")
        case let .documentStarted(index, total, document):
            segmentRead = (-1, 0)
            estimate.started(index)
            show("[\(index + 1)/\(total)] \(document): ingesting\(rates)")
        case let .phase(document, phase):
            show("[\(finished + 1)/\(total)] \(document): \(describe(phase))\(rates)")
        case let .documentFinished(index, _, entry):
            finished += 1
            let measured = entry.status == .summarized
            estimate.finished(index, tokens: measured ? entry.tokens : nil, seconds: measured ? entry.seconds : nil)
            line.finish()
            report(entry)
        }
    }

    private func report(_ entry: BatchEntry) {
        let seconds = entry.seconds.map { String(format: " in %.1f s", $0) } ?? ""
        let status = entry.status == .ignored ? "skipped" : entry.status.rawValue
        let message = "[\(finished)/\(total)] \(entry.document): \(status)\(seconds)"
            + ((entry.error ?? entry.note).map { " — \($0)" } ?? "")
        if entry.status == .failed { Console.log.error("\(message)") } else { say(message) }
        for warning in entry.warnings ?? [] { Console.warning("\(entry.document): \(warning)") }
    }

    private func describe(_ phase: SummaryPhase) -> String {
        switch phase {
        case let .reading(segment, count, done, total):
            if segment != segmentRead.segment || done < segmentRead.done { segmentRead = (segment, 0) }
            estimate.read(done - segmentRead.done)
            segmentRead.done = done
            return "reading part \(segment + 1)/\(count), \(done)/\(total) tokens"
        case let .writing(part): return "writing \(part)"
        case let .merging(level): return "merging (level \(level))"
        }
    }

    private var rates: String {
        let rate = estimate.tokensPerSecond.map { String(format: ", %.0f tok/s", $0) } ?? ""
        return rate + (estimate.secondsLeft().map { ", \(Self.duration($0)) left" } ?? "")
    }

    /// `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }

    private func show(_ text: String) { if !quiet { line.update(text) } }
    private func say(_ text: String) { if !quiet { Console.progress(text) } }

    func finish() { line.finish() }
}
