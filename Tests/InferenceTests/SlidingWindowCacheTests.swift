import Foundation
import Testing
@testable import Inference

/// A sliding-window layer's heads keep only the rows their window still
/// reaches (the Gemma 3 fixture: layer 0 slides with a window of 8, layer 1
/// is global), and dropping the others changes no logit.
@Suite("Sliding-window layers keep only their window")
struct SlidingWindowCacheTests {
    static func gemma() throws -> Model {
        try ArchitectureFixtureTests.model(try #require(ArchitectureFixtureTests.cases["gemma3"]))
    }

    static let tokens = (0..<150).map { Int32(3 + $0 * 11 % 120) }

    @Test("memory stays bounded by the window while the global layer grows")
    func memoryIsBounded() throws {
        let model = try Self.gemma()
        let session = Session(model: model, chunkSize: 9)
        var logits = try session.prefill(Self.tokens)
        for _ in 0..<40 { logits = try session.step(Int32(Sampler.argmax(logits))) }
        let cache = session.cache, count = Self.tokens.count + 40
        #expect(cache.count == count)
        #expect(cache.heldRows(layer: 0, head: 0) == 7)
        #expect(cache.positions(layer: 0, head: 0) == Array((count - 7)..<count))
        #expect(cache.heldRows(layer: 1, head: 0) == count)
        for h in 0..<cache.kvHeadCount {
            #expect(cache.store(0, h).rows <= 2 * 8 + 9, "head \(h) of the sliding layer holds \(cache.store(0, h).rows) rows")
            #expect(cache.store(1, h).rows >= count)
        }
        #expect(cache.origins[0] > 0 && cache.origins[1] == 0)
    }

    @Test("logits do not depend on when rows are dropped", arguments: [1, 5, 8, 64, 100])
    func chunkingDoesNotMatter(chunk: Int) throws {
        let model = try Self.gemma()
        let whole = Session(model: model, chunkSize: 150)
        let reference = try whole.prefill(Self.tokens)
        let session = Session(model: model, chunkSize: chunk)
        let logits = try session.prefill(Self.tokens)
        let worst = zip(reference, logits).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-3, "chunks of \(chunk): logits differ by up to \(worst)")
        // A fork continues exactly like the original.
        let fork = Session(model: model, cache: session.cache.fork(), chunkSize: chunk)
        for token in Self.tokens.prefix(12) {
            let a = try session.step(token), b = try fork.step(token)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
        }
    }

    @Test("rewinding past what the window kept is refused; within it, allowed")
    func truncation() throws {
        let session = Session(model: try Self.gemma(), chunkSize: 9)
        try session.prefill(Self.tokens)
        let cache = session.cache
        #expect(throws: ModelError.self) { try cache.truncate(to: 20) }
        let reachable = cache.origins[0] + 8 - 1
        try cache.truncate(to: reachable)
        #expect(cache.count == reachable)
        // Back to the start needs no rows: the cache begins again.
        try cache.truncate(to: 0)
        #expect(cache.origins == [0, 0])
        let fresh = Session(model: try Self.gemma(), chunkSize: 9)
        let a = try session.prefill(Self.tokens), b = try fresh.prefill(Self.tokens)
        #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    }
}
