import Foundation
import Inference

/// Size and speed of one codec's snapshot of one cache (see `Snapshot.measure`).
public struct SnapshotMeasurement: Sendable, Equatable {
    public var codec: SnapshotCodec
    /// Bytes of the `.pkv` file.
    public var bytes: Int
    /// Bytes a full-attention f16 cache of the same tokens takes
    /// (`HybridKVCache.fullBytes(forTokens:)`, what llama.cpp's state file holds).
    public var fullCacheBytes: Int
    /// Seconds `Snapshot.write` took.
    public var writeSeconds: Double
    /// Best seconds of `Snapshot.read` (verify, decompress, decode into a ready cache).
    public var readSeconds: Double

    /// `bytes / fullCacheBytes`.
    public var ratio: Double { fullCacheBytes == 0 ? 0 : Double(bytes) / Double(fullCacheBytes) }

    /// One Markdown table row: codec, bytes, ratio, write and read milliseconds.
    public var markdownRow: String {
        "| \(codec) | \(bytes) | " + String(format: "%.3f× | %.0f ms | %.1f ms |", ratio, writeSeconds * 1000, readSeconds * 1000)
    }
}

extension Snapshot {
    /// Writes `cache` with each codec into `directory` (a temporary one by
    /// default), reads each back `repeats` times and reports sizes against a
    /// full-attention f16 cache and the best read time. The files are removed.
    ///
    /// Independent of the CLI so an engineer can run it on any prefilled
    /// session: `Snapshot.measure(cache: session.cache, tokens: tokens, identity: id, config: model.config)`.
    public static func measure(cache: HybridKVCache, tokens: [Int32], identity: SnapshotIdentity, config: ModelConfig,
                               codecs: [SnapshotCodec] = SnapshotCodec.allCases, level: Int32 = 3, repeats: Int = 3,
                               directory: String? = nil) throws -> [SnapshotMeasurement] {
        let dir = directory ?? NSTemporaryDirectory()
        return try codecs.map { codec in
            let path = "\(dir)/precis-measure-\(UUID().uuidString).pkv"
            defer { try? FileManager.default.removeItem(atPath: path) }
            var clock = ContinuousClock.now
            let bytes = try write(cache: cache, tokens: tokens, identity: identity, codec: codec, level: level, to: path)
            let writeSeconds = seconds(since: clock)
            var best = Double.infinity
            for _ in 0..<max(1, repeats) {
                clock = ContinuousClock.now
                _ = try read(path: path, expecting: identity, config: config, maxTokens: cache.maxTokens)
                best = min(best, seconds(since: clock))
            }
            return SnapshotMeasurement(codec: codec, bytes: bytes, fullCacheBytes: cache.fullBytes(forTokens: cache.count),
                                       writeSeconds: writeSeconds, readSeconds: best)
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
