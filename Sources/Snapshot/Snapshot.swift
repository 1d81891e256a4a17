import Dispatch
import Foundation
import Inference

/// Persisted DuoAttention KV caches (`.pkv` files, spec in
/// `docs/snapshot-format.md`): prefill a document once, then restore the
/// cache in milliseconds for every later question.
///
/// `write` is atomic (readers and crashes never see a partial file under
/// the final name); `read` verifies every checksum and the caller's
/// identity before it returns a cache, and throws `SnapshotError` otherwise
/// so the caller can prefill again.
public enum Snapshot {
    /// Threads that compress or decompress sections at once.
    static var parallelism: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Writes `cache` (which has seen exactly `tokens`) to `path` with
    /// `codec`, replacing any file there atomically, and returns the bytes
    /// written.
    ///
    /// - Parameters:
    ///   - identity: what the cache was built with; `sink`/`recent` must be the cache layout's.
    ///   - level: zstd level (1…19; higher is smaller and slower to write, reading speed barely changes).
    ///   - groups: group sizes of the lossy codecs.
    ///   - streaming: head kinds to store, when the snapshot should stream
    ///     more heads than the cache (a smaller file: those heads keep only
    ///     their sink and recent rows); default: the cache's.
    ///   - formatVersion: the `.pkv` version to write (older ones for tests).
    ///
    /// Layers are encoded and compressed in parallel, a few at a time, and
    /// streamed to a temporary file that is fsynced and renamed into place.
    /// The cache must not be appended to while this runs (fork it first if
    /// another thread keeps using it).
    @discardableResult
    public static func write(cache: HybridKVCache, tokens: [Int32], identity: SnapshotIdentity,
                             codec: SnapshotCodec = .f16, level: Int32 = 3, groups: QuantizationGroups = QuantizationGroups(),
                             streaming: HeadLayout? = nil, formatVersion: Int = SnapshotHeader.currentVersion,
                             to path: String) throws -> Int {
        guard tokens.count == cache.count else {
            throw SnapshotError.invalidInput("\(tokens.count) token ids for a cache that has seen \(cache.count) tokens")
        }
        guard identity.sink == cache.layout.sink, identity.recent == cache.layout.recent else {
            throw SnapshotError.invalidInput("identity has sink \(identity.sink) recent \(identity.recent), "
                + "the cache's layout sink \(cache.layout.sink) recent \(cache.layout.recent)")
        }
        guard (1...Int(UInt16.max)).contains(groups.keyTokens), (1...Int(UInt16.max)).contains(groups.valueChannels) else {
            throw SnapshotError.invalidInput("quantization groups must hold 1…65535 tokens/channels")
        }
        guard (SnapshotHeader.oldestReadableVersion...SnapshotHeader.currentVersion).contains(formatVersion) else {
            throw SnapshotError.invalidInput("format version \(formatVersion) cannot be written")
        }
        let windows = (0..<cache.layerCount).map { cache.window(layer: $0) ?? 0 }
        // Sliding-window layers keep their window, whatever the streaming layout says.
        let sliding = Set(windows.indices.filter { windows[$0] > 0 })
        guard formatVersion >= 3 || sliding.isEmpty else {
            throw SnapshotError.invalidInput("format version \(formatVersion) cannot store sliding-window layers (version 3 can)")
        }
        let kinds = (streaming ?? cache.layout).keepingFullAttention(onLayers: sliding).kinds
        guard Snapshot.streamsAtLeast(kinds, cache.layout.kinds) else {
            throw SnapshotError.invalidInput("the snapshot's head kinds must stream every head the cache streams")
        }
        let header = SnapshotHeader(version: formatVersion, identity: identity, codec: codec, groups: groups,
                                    layerCount: cache.layerCount, kvHeadCount: cache.kvHeadCount, headDim: cache.headDim,
                                    tokenCount: cache.count, kinds: kinds,
                                    windows: formatVersion >= 3 ? windows : [], created: Date())
        let level = min(max(level, -7), 22)
        let output = try SnapshotOutput(path: path)
        try output.write(header.encode())
        var sections: [SnapshotSection] = []
        func append(_ frame: [UInt8], rawSize: Int) throws {
            sections.append(SnapshotSection(offset: output.written, storedSize: frame.count, rawSize: rawSize,
                                            checksum: XXHash64.hash(frame)))
            try output.write(frame)
        }
        let tokenBytes = tokens.flatMap { t in withUnsafeBytes(of: t.littleEndian) { Array($0) } }
        try append(try Zstd.compress(tokenBytes, level: level), rawSize: tokenBytes.count)

        let batch = parallelism
        var layer = 0
        while layer < cache.layerCount {
            let n = min(batch, cache.layerCount - layer), first = layer
            let frames = Locked([Result<([UInt8], Int), any Error>?](repeating: nil, count: n))
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let layout = SectionLayout(header: header, layer: first + i)
                let result = Result<([UInt8], Int), any Error> {
                    let raw = SectionCodec.encode(cache: cache, layer: first + i, layout: layout)
                    return (try raw.withUnsafeBytes { try Zstd.compress($0, level: level) }, raw.count)
                }
                frames.update { $0[i] = result }
            }
            for r in frames.value {
                guard let r else { continue }
                let (frame, raw) = try r.get()
                try append(frame, rawSize: raw)
            }
            layer += n
        }
        try output.write(SnapshotIndex.encode(sections, footerOffset: output.written))
        let total = output.written
        try output.commit()
        return total
    }
}

/// A value handed to concurrent iterations that touch disjoint parts of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A value shared between concurrently running iterations.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func update(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&stored)
    }
}

extension Snapshot {
    /// Whether `kinds` streams every head `base` streams (and has its shape).
    public static func streamsAtLeast(_ kinds: [[HeadKind]], _ base: [[HeadKind]]) -> Bool {
        kinds.count == base.count && zip(kinds, base).allSatisfy { k, b in
            k.count == b.count && zip(k, b).allSatisfy { $1 == .retrieval || $0 == .streaming }
        }
    }
}
