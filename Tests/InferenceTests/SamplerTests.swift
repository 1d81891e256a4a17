import Testing
@testable import Inference

@Suite("Sampler")
struct SamplerTests {
    let logits: [Float] = [1.0, 3.0, 2.5, -1.0, 2.9, 0.0]

    func draws(_ options: SamplingOptions, _ n: Int = 200) -> [Int32] {
        var sampler = Sampler(options)
        return (0..<n).map { _ in sampler.sample(logits) }
    }

    @Test func greedyPicksTheArgmax() {
        #expect(Set(draws(.greedy, 20)) == [1])
    }

    @Test func aFixedSeedReproducesAndAnotherSeedDiffers() {
        var o = SamplingOptions()
        o.temperature = 1.5; o.topK = 0; o.topP = 1; o.minP = 0; o.seed = 7
        #expect(draws(o) == draws(o))
        var other = o
        other.seed = 8
        #expect(draws(o) != draws(other))
    }

    @Test func topKAndMinPRestrictTheCandidates() {
        var o = SamplingOptions()
        o.temperature = 2; o.topP = 1; o.minP = 0; o.topK = 2
        #expect(Set(draws(o)) == [1, 4])
        o.topK = 0; o.minP = 0.5   // keeps tokens with p ≥ 0.5 · p(top) at temperature 2
        #expect(Set(draws(o)) == [1, 2, 4])
    }

    @Test func topPKeepsTheSmallestSufficientSet() {
        var o = SamplingOptions()
        o.temperature = 1; o.topK = 0; o.minP = 0; o.topP = 0.01
        #expect(Set(draws(o)) == [1])
    }

    @Test func repetitionPenaltyDemotesRecentTokens() {
        var o = SamplingOptions.greedy
        o.repetitionPenalty = 2
        var sampler = Sampler(o)
        #expect(sampler.sample(logits, history: [1]) == 4)
    }
}

@Suite("Sampler ranking")
struct SamplerRankingTests {
    @Test("top-k selection equals the first k of a full sort, ties by lower id")
    func boundedSelection() {
        var rng = SplitMix64(seed: 4)
        // Few distinct values, so ties are everywhere.
        let logits = (0..<2000).map { _ in Float(rng.next() % 50) / 4 }
        let full = Sampler.ranked(logits, keep: 0)
        for k in [1, 5, 40, 1999] {
            let top = Sampler.ranked(logits, keep: k)
            #expect(top.map(\.id) == full.prefix(k).map(\.id), "k = \(k)")
        }
        #expect(full.count == 2000)
    }
}
