import Foundation

/// The time a batch run has left, from the document tokens it has left and
/// the rates measured so far — so that it counts down while a document is
/// being worked on instead of growing with the time spent on it.
///
/// Tokens left: the documents not yet finished, each estimated from its
/// size in bytes at the tokens per byte of the documents summarized so far
/// (the current one less the tokens already read of it). Rate: seconds per
/// document token over the summarized documents, every phase included
/// (reading and writing). Documents found unchanged cost nothing. Until one
/// document is summarized there is no estimate.
public struct ProgressEstimate: Sendable {
    private var bytes: [Int]
    private var finished: Set<Int> = []
    private var summarizedBytes = 0, summarizedTokens = 0
    private var summarizedSeconds = 0.0
    private var current: (index: Int, started: Date, tokensRead: Int)?

    /// `documentBytes`: the size of each document of the run, in run order.
    public init(documentBytes: [Int]) {
        bytes = documentBytes
    }

    /// Document tokens summarized per second spent on them (reading and
    /// writing): the one meaning of tok/s in a run's progress and report.
    public var tokensPerSecond: Double? {
        summarizedSeconds > 0 ? Double(summarizedTokens) / summarizedSeconds : nil
    }

    public mutating func started(_ index: Int, at date: Date = Date()) {
        current = (index, date, 0)
    }

    /// `tokens` more tokens of the current document have been read.
    public mutating func read(_ tokens: Int) {
        current?.tokensRead += tokens
    }

    /// Document `index` is done; `tokens` and `seconds` are nil when it cost
    /// nothing to measure (unchanged, failed, not a document).
    public mutating func finished(_ index: Int, tokens: Int?, seconds: Double?) {
        finished.insert(index)
        if current?.index == index { current = nil }
        guard let tokens, let seconds, tokens > 0, index < bytes.count else { return }
        summarizedBytes += bytes[index]
        summarizedTokens += tokens
        summarizedSeconds += seconds
    }

    /// Seconds left at `now`; nil before the first summarized document.
    public func secondsLeft(at now: Date = Date()) -> Double? {
        guard summarizedTokens > 0, summarizedBytes > 0, summarizedSeconds > 0 else { return nil }
        let tokensPerByte = Double(summarizedTokens) / Double(summarizedBytes)
        let secondsPerToken = summarizedSeconds / Double(summarizedTokens)
        var left = 0.0
        for (i, size) in bytes.enumerated() where !finished.contains(i) {
            let estimate = Double(size) * tokensPerByte * secondsPerToken
            if let current, current.index == i {
                let fromTokens = estimate - Double(current.tokensRead) * secondsPerToken
                left += max(0, min(fromTokens, estimate - now.timeIntervalSince(current.started)))
            } else {
                left += estimate
            }
        }
        return left
    }
}
