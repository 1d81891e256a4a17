import Foundation

/// RoPE angle steps per rotated pair, including frequency scaling.
enum RopeFrequencies {
    static func compute(_ c: ModelConfig, _ w: WeightLoader) throws -> [Float] {
        let pairs = c.ropeDimensions / 2
        var freqs = (0..<pairs).map { i in
            Float(pow(Double(c.ropeFreqBase), -2.0 * Double(i) / Double(c.ropeDimensions)))
        }
        switch c.ropeScaling {
        case .none: break
        case let .linear(factor): freqs = freqs.map { $0 / factor }
        case let .llama3(factor, low, high, original):
            if w.has("rope_freqs.weight") {
                let divisors = try w.vector("rope_freqs.weight", count: pairs)
                freqs = zip(freqs, divisors).map { $0 / $1 }
            } else {
                freqs = freqs.map { llama3($0, factor: factor, low: low, high: high, original: Float(original)) }
            }
        }
        return freqs
    }

    /// Llama-3.1 frequency smoothing (the same rule that produces `rope_freqs`).
    static func llama3(_ f: Float, factor: Float, low: Float, high: Float, original: Float) -> Float {
        let wavelength = 2 * Float.pi / f
        let lowWavelength = original / low, highWavelength = original / high
        if wavelength < highWavelength { return f }
        if wavelength > lowWavelength { return f / factor }
        let smooth = (original / wavelength - low) / (high - low)
        return (1 - smooth) * f / factor + smooth * f
    }
}
