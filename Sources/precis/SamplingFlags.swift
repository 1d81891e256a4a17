import ArgumentParser
import Inference

/// Sampling flags shared by commands that generate text.
struct SamplingFlags: ParsableArguments {
    @Option(name: [.customShort("n"), .long], help: "Maximum tokens to generate.")
    var maxTokens = 256
    @Option(name: .customLong("temp"), help: "Sampling temperature (0 = greedy).")
    var temperature: Float = 0.7
    @Option(name: .customLong("top-k"), help: "Sample from the K most likely tokens (0 = all).")
    var topK = 40
    @Option(name: .customLong("top-p"), help: "Sample from the smallest set with this total probability.")
    var topP: Float = 0.95
    @Option(name: .customLong("min-p"), help: "Drop tokens below this fraction of the top probability.")
    var minP: Float = 0.05
    @Option(name: .customLong("repeat-penalty"), help: "Penalty for recently generated tokens (1 = off).")
    var repeatPenalty: Float = 1.0
    @Option(help: "Random seed; the same seed gives the same text.")
    var seed: UInt64 = 0
    @Flag(help: "Always pick the most likely token (same as --temp 0).")
    var greedy = false

    func validate() throws {
        guard maxTokens >= 0 else { throw ValidationError("-n must be zero or more, got \(maxTokens)") }
        guard temperature >= 0 else { throw ValidationError("--temp must be zero or more, got \(temperature)") }
        guard topK >= 0 else { throw ValidationError("--top-k must be zero or more, got \(topK)") }
        guard topP > 0, topP <= 1 else { throw ValidationError("--top-p must be in (0, 1], got \(topP)") }
        guard minP >= 0, minP < 1 else { throw ValidationError("--min-p must be in [0, 1), got \(minP)") }
        guard repeatPenalty > 0 else { throw ValidationError("--repeat-penalty must be positive, got \(repeatPenalty)") }
    }

    var options: SamplingOptions {
        var o = SamplingOptions()
        o.temperature = greedy ? 0 : temperature
        o.topK = topK
        o.topP = topP
        o.minP = minP
        o.repetitionPenalty = repeatPenalty
        o.seed = seed
        return o
    }
}

extension Numerics: ExpressibleByArgument {}
