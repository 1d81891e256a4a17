import Inference
/// Measures how much each KV head matters for long-range retrieval, on
/// DuoAttention's own objective: the distance between the final hidden
/// states of the full model and of the model with that head streaming
/// (sink + recent only), on the answer tokens of a passkey sample.
///
/// DuoAttention trains a gate per head by gradient descent on this distance
/// plus an L1 penalty; this measures each head's effect on the same
/// distance directly by switching it to streaming alone. A head whose
/// switch moves the answer states most gets the largest gate.
public struct HeadAblation {
    /// A token sequence (prompt and teacher-forced answers) and the rows
    /// whose final hidden states the objective compares.
    public struct Sample: Sendable {
        public let tokens: [Int32]
        public let targetRows: [Int]

        public init(tokens: [Int32], targetRows: [Int]) {
            self.tokens = tokens
            self.targetRows = targetRows
        }
    }

    public let model: Model
    public let sink: Int
    public let recent: Int
    public let chunkSize: Int

    public init(model: Model, sink: Int, recent: Int, chunkSize: Int) {
        self.model = model
        self.sink = sink
        self.recent = recent
        self.chunkSize = chunkSize
    }

    /// The full-attention pass of one sample, kept so that every head's
    /// ablation restarts at its own layer instead of at the embedding.
    public final class Baseline: @unchecked Sendable {
        let sample: Sample
        /// Residual stream entering each layer: `[layer][token * d]`.
        var layerInputs: [[Float]]
        /// Final-normalized hidden states of the target rows.
        var targets: [Float] = []
        /// Mean square of `targets`, to make distances comparable across samples.
        var scale: Double = 1

        init(sample: Sample, layers: Int) {
            self.sample = sample
            layerInputs = Array(repeating: [], count: layers)
        }
    }

    /// Runs the sample with full attention, recording what ablations need.
    public func baseline(_ sample: Sample) throws -> Baseline {
        let c = model.config, d = c.embeddingLength, n = sample.tokens.count
        let base = Baseline(sample: sample, layers: c.layerCount)
        for l in 0..<c.layerCount { base.layerInputs[l] = [Float](repeating: 0, count: n * d) }
        let session = Session(model: model, maxTokens: n, chunkSize: chunkSize)
        var finals = [Float](repeating: 0, count: n * d)
        try session.prefill(sample.tokens) { start, count in
            var hooks = ForwardHooks()
            hooks.layerInput = { layer, hidden in
                base.layerInputs[layer].withUnsafeMutableBufferPointer { ($0.baseAddress! + start * d).update(from: hidden, count: count * d) }
            }
            hooks.finalHidden = { h in finals.withUnsafeMutableBufferPointer { ($0.baseAddress! + start * d).update(from: h, count: count * d) } }
            return hooks
        }
        base.targets = gather(finals, rows: sample.targetRows, d: d)
        base.scale = max(1e-12, base.targets.reduce(0) { $0 + Double($1) * Double($1) } / Double(base.targets.count))
        return base
    }

    /// Mean squared distance, relative to the baseline's mean square, between
    /// the target states with KV head (`layer`, `head`) streaming and with full attention.
    public func distance(layer: Int, head: Int, baseline base: Baseline) throws -> Double {
        let c = model.config, d = c.embeddingLength, n = base.sample.tokens.count
        var kinds = HeadLayout.full(c).kinds
        kinds[layer][head] = .streaming
        let session = Session(model: model, layout: HeadLayout(kinds: kinds, sink: sink, recent: recent),
                              maxTokens: n, chunkSize: chunkSize)
        var finals = [Float](repeating: 0, count: n * d)
        try session.prefill(base.sample.tokens) { start, count in
            var hooks = ForwardHooks()
            hooks.firstLayer = layer
            hooks.loadInput = { hidden in
                base.layerInputs[layer].withUnsafeBufferPointer { hidden.update(from: $0.baseAddress! + start * d, count: count * d) }
            }
            hooks.finalHidden = { h in finals.withUnsafeMutableBufferPointer { ($0.baseAddress! + start * d).update(from: h, count: count * d) } }
            return hooks
        }
        let ablated = gather(finals, rows: base.sample.targetRows, d: d)
        var sum = 0.0
        for (a, b) in zip(ablated, base.targets) { sum += Double(a - b) * Double(a - b) }
        return sum / Double(ablated.count) / base.scale
    }

    private func gather(_ states: [Float], rows: [Int], d: Int) -> [Float] {
        rows.flatMap { r in states[(r * d)..<((r + 1) * d)] }
    }

    /// Gates from per-sample distances (`[sample][layer][head]`): each
    /// head's mean distance `d` over the samples mapped to `d / (d + median)`,
    /// so the median head sits at 0.5 and the order (all binarization uses)
    /// is kept while a few dominant heads do not squash the rest to 0.
    /// Heads of `ungated` layers (sliding-window layers, not measured) get 1
    /// and do not count toward the median.
    public static func gates(from distances: [[[Double]]], ungated: Set<Int> = []) -> [[Float]] {
        guard let first = distances.first else { return [] }
        var mean = first.map { $0.map { _ in 0.0 } }
        for sample in distances {
            for (l, row) in sample.enumerated() { for (h, v) in row.enumerated() { mean[l][h] += v / Double(distances.count) } }
        }
        let sorted = mean.enumerated().filter { !ungated.contains($0.offset) }.flatMap(\.element).sorted()
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let top = sorted.last ?? 0
        return mean.enumerated().map { l, row in
            row.map { d in
                if ungated.contains(l) { return 1 }
                if median > 0 { return Float(d / (d + median)) }
                return top > 0 ? Float(d / top) : 0
            }
        }
    }
}
