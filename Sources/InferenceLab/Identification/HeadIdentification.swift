import Foundation
import GGUF
import Inference

/// Identifies retrieval heads on synthetic multi-passkey data and produces
/// a `HeadPattern`: every KV head's effect on DuoAttention's objective
/// (`HeadAblation`) on each sample, averaged into gates.
///
/// Work is checkpointed after every head, so an interrupted run resumes
/// where it stopped (a checkpoint made with other settings is refused).
public struct HeadIdentification {
    /// Everything that determines the result; stored in the checkpoint.
    public struct Settings: Codable, Equatable, Sendable {
        /// Token length of each sample (spread up to the model's context).
        public var lengths: [Int]
        public var keysPerSample: Int
        public var seed: UInt64
        public var sink: Int
        public var recent: Int
        public var chunk: Int
        /// Model fingerprint.
        public var model: String
        /// Where the haystack text came from.
        public var haystack: String

        public init(lengths: [Int], keysPerSample: Int, seed: UInt64, sink: Int, recent: Int, chunk: Int,
                    model: String, haystack: String) {
            self.lengths = lengths
            self.keysPerSample = keysPerSample
            self.seed = seed
            self.sink = sink
            self.recent = recent
            self.chunk = chunk
            self.model = model
            self.haystack = haystack
        }
    }

    /// Distances measured so far: `[sample][layer][head]`, nil where not yet measured.
    public struct Checkpoint: Codable, Sendable {
        public var settings: Settings
        public var distances: [[[Double?]]]
    }

    /// Where a run is, for a progress line.
    public struct Progress: Sendable {
        public var sample: Int
        public var samples: Int
        public var headsDone: Int
        public var headsTotal: Int
        /// Seconds left, estimated from the work done in this run (nil before any).
        public var eta: Double?
    }

    public let model: Model
    public let samples: [HeadAblation.Sample]
    public let settings: Settings

    /// - Parameter samples: one per `settings.lengths` entry (see `samples(generator:settings:)`).
    public init(model: Model, samples: [HeadAblation.Sample], settings: Settings) {
        self.model = model
        self.samples = samples
        self.settings = settings
    }

    /// The samples: one multi-passkey prompt per length, seeded by its index;
    /// the targets are the rows that predict the answer tokens.
    public static func samples(generator: PasskeyGenerator, settings: Settings) throws -> [HeadAblation.Sample] {
        try settings.lengths.enumerated().map { i, length in
            let sample = try generator.sample(PasskeySpec(length: length, keyCount: settings.keysPerSample),
                                              seed: settings.seed &+ UInt64(i))
            return HeadAblation.Sample(tokens: sample.tokens, targetRows: sample.answerPositions.map { $0 - 1 })
        }
    }

    /// Runs (or resumes from `checkpointPath`) and returns the gates, `[layer][kvHead]`.
    /// `progress` may throw to stop the run (everything measured so far is kept).
    public func run(checkpointPath: String, progress: (Progress) throws -> Void) throws -> [[Float]] {
        let c = model.config
        var checkpoint = try loadCheckpoint(checkpointPath) ?? Checkpoint(
            settings: settings,
            distances: samples.map { _ in Array(repeating: Array(repeating: nil, count: c.kvHeadCount), count: c.layerCount) })
        let ablation = HeadAblation(model: model, sink: settings.sink, recent: settings.recent, chunkSize: settings.chunk)
        let gatedLayers = (0..<c.layerCount).filter { c.window(layer: $0) == nil }
        let perSample = gatedLayers.count * c.kvHeadCount
        // Work units for the ETA: a head at layer l of an n-token sample restarts at l.
        func work(_ s: Int, _ l: Int) -> Double { Double(samples[s].tokens.count) * Double(c.layerCount - l) }
        var totalWork = 0.0, doneWork = 0.0, workThisRun = 0.0, done = 0
        for s in samples.indices {
            for l in gatedLayers {
                for h in 0..<c.kvHeadCount {
                    totalWork += work(s, l)
                    if checkpoint.distances[s][l][h] != nil { doneWork += work(s, l); done += 1 }
                }
            }
        }
        let started = Date()
        for (s, sample) in samples.enumerated() {
            // Sliding-window layers keep their window: their heads are not gated.
            let pending = gatedLayers.flatMap { l in (0..<c.kvHeadCount).map { (l, $0) } }
                .filter { checkpoint.distances[s][$0.0][$0.1] == nil }
            guard !pending.isEmpty else { continue }
            try progress(Progress(sample: s, samples: samples.count, headsDone: done, headsTotal: perSample * samples.count, eta: nil))
            let baseline = try ablation.baseline(sample)
            for (l, h) in pending {
                checkpoint.distances[s][l][h] = try ablation.distance(layer: l, head: h, baseline: baseline)
                try saveCheckpoint(checkpoint, to: checkpointPath)
                done += 1
                doneWork += work(s, l)
                workThisRun += work(s, l)
                let rate = workThisRun / Date().timeIntervalSince(started)
                try progress(Progress(sample: s, samples: samples.count, headsDone: done, headsTotal: perSample * samples.count,
                                  eta: (totalWork - doneWork) / rate))
            }
        }
        return HeadAblation.gates(from: checkpoint.distances.map { $0.map { $0.map { $0 ?? 0 } } }, ungated: c.slidingLayers)
    }

    private func loadCheckpoint(_ path: String) throws -> Checkpoint? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let checkpoint: Checkpoint
        do { checkpoint = try JSONFormat.decoder.decode(Checkpoint.self, from: data) } catch {
            throw IdentificationError.badCheckpoint(path: path, reason: "\(error)")
        }
        guard checkpoint.settings == settings else {
            throw IdentificationError.badCheckpoint(path: path, reason: "it was made with other settings; delete it or use the same settings")
        }
        return checkpoint
    }

    private func saveCheckpoint(_ checkpoint: Checkpoint, to path: String) throws {
        try AtomicFile.write(Array(try JSONFormat.data(checkpoint)), to: path)
    }
}

public enum IdentificationError: Error, CustomStringConvertible {
    case badCheckpoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badCheckpoint(path, reason): return "checkpoint \(path): \(reason)"
        }
    }
}
