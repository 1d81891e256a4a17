import Foundation
import Testing
@testable import Pipeline

/// A run's time left and rate, and progress lines that fit the terminal.
@Suite("Batch progress estimate")
struct BatchProgressEstimateTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    @Test("the time left counts down while a document is worked on, and tokens read bring it down")
    func countsDown() throws {
        var estimate = ProgressEstimate(documentBytes: [1000, 2000, 1000])
        estimate.started(0, at: t0)
        #expect(estimate.secondsLeft(at: t0) == nil)
        estimate.finished(0, tokens: 500, seconds: 10)  // 0.5 tokens per byte, 0.02 s per token
        estimate.started(1, at: t0.addingTimeInterval(10))
        let atStart = try #require(estimate.secondsLeft(at: t0.addingTimeInterval(10)))
        #expect(abs(atStart - 30) < 1e-9)  // 1000 + 500 tokens left at 0.02 s each
        var previous = atStart
        for second in stride(from: 11.0, through: 40, by: 3) {
            if second > 20 { estimate.read(100) }
            let left = try #require(estimate.secondsLeft(at: t0.addingTimeInterval(second)))
            #expect(left <= previous, "grew from \(previous) to \(left) at \(second) s")
            #expect(left >= 10 - 1e-9)  // the third document is still to come
            previous = left
        }
    }

    @Test("unchanged documents cost nothing and do not skew the rate")
    func unchangedDocuments() throws {
        var estimate = ProgressEstimate(documentBytes: [1000, 1000, 1000])
        estimate.finished(0, tokens: nil, seconds: nil)
        estimate.finished(1, tokens: 500, seconds: 5)
        #expect(abs(try #require(estimate.secondsLeft(at: t0)) - 5) < 1e-9)
        #expect(estimate.tokensPerSecond == 100)
    }

    @Test("tok/s of the progress line and of the report are the same number")
    func oneRate() {
        let entries = [BatchEntry(document: "a", status: .summarized, tokens: 300, seconds: 2),
                       BatchEntry(document: "b", status: .skipped),
                       BatchEntry(document: "c", status: .summarized, tokens: 100, seconds: 2)]
        var estimate = ProgressEstimate(documentBytes: [10, 10, 10])
        for (i, e) in entries.enumerated() { estimate.finished(i, tokens: e.tokens, seconds: e.seconds) }
        #expect(BatchReport.tokensPerSecond(entries) == 100 && estimate.tokensPerSecond == 100)
    }

    @Test("a progress line is cut to the terminal's width, never wrapping")
    func fitsTheTerminal() {
        let long = String(repeating: "x", count: 200)
        let fitted = TerminalLine.fit(long, columns: 80)
        #expect(fitted.count == 79 && fitted.hasSuffix("…"))
        #expect(TerminalLine.fit("short", columns: 80) == "short")
        #expect(TerminalLine.fit(long, columns: 1).count == 1)
    }
}
