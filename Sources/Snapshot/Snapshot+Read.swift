import Dispatch
import Foundation
import Inference

/// What `Snapshot.verify` found: a snapshot whose every checksum and section
/// checked out.
public struct SnapshotSummary: Sendable, Equatable {
    public var header: SnapshotHeader
    /// Size of the file.
    public var fileBytes: Int
    /// Sections in file order: token ids, then one per layer.
    public var sections: [SnapshotSection]
    /// Sum of the sections' uncompressed sizes.
    public var rawBytes: Int { sections.reduce(0) { $0 + $1.rawSize } }
}

extension Snapshot {
    /// The header of the snapshot at `path`, checked against its own
    /// checksum; reads only the first few kilobytes. Use it to list
    /// snapshots or to decide whether one fits before loading it.
    public static func header(path: String) throws -> SnapshotHeader {
        let input = try SnapshotInput(path: path)
        return try readHeader(input).header
    }

    /// Reads the whole snapshot at `path` and checks everything that can be
    /// checked without a model: header, index, every section's checksum,
    /// zstd frame and size, and the streaming heads' positions.
    public static func verify(path: String) throws -> SnapshotSummary {
        let input = try SnapshotInput(path: path)
        let (header, headerSize) = try readHeader(input)
        let sections = try SnapshotIndex.read(input, header: header, headerSize: headerSize)
        _ = try readTokens(input, header: header, section: sections[0])
        let positions = SectionCodec.streamingPositions(count: header.tokenCount, sink: header.identity.sink,
                                                        recent: header.identity.recent)
        try forEachLayer(input, header: header, sections: sections) { layer, raw in
            let layout = SectionLayout(header: header, layer: layer)
            let scratch = layout.kinds.indices.map { h in
                (keys: UnsafeMutablePointer<Float16>.allocate(capacity: max(1, layout.rows(h) * header.headDim)),
                 values: UnsafeMutablePointer<Float16>.allocate(capacity: max(1, layout.rows(h) * header.headDim)))
            }
            defer { for s in scratch { s.keys.deallocate(); s.values.deallocate() } }
            try SectionCodec.decode(raw: raw, layout: layout, destinations: scratch, positions: positions)
        }
        return SnapshotSummary(header: header, fileBytes: input.size, sections: sections)
    }

    /// Restores the cache stored at `path`.
    ///
    /// Refuses (throws `SnapshotError`) unless the file is intact (every
    /// checksum), in a supported version, and made with `expecting`'s model,
    /// tokenizer and pattern fingerprints and settings, for `config`'s shape
    /// (and `layout`'s head kinds when given). Layers are read, checked and
    /// decoded in parallel straight into the new cache.
    ///
    /// - Parameters:
    ///   - maxTokens: context bound of the restored cache (default: the model's).
    ///   - headroom: tokens of room reserved for what will be appended next.
    /// - Returns: the cache, the token ids it has seen, and the header.
    public static func read(path: String, expecting: SnapshotIdentity, config: ModelConfig, layout: HeadLayout? = nil,
                            maxTokens: Int? = nil, headroom: Int = 0) throws -> (cache: HybridKVCache, tokens: [Int32], header: SnapshotHeader) {
        let input = try SnapshotInput(path: path)
        let (header, headerSize) = try readHeader(input)
        try check(header, expecting: expecting, config: config, layout: layout, maxTokens: maxTokens, path: path)
        let sections = try SnapshotIndex.read(input, header: header, headerSize: headerSize)
        let tokens = try readTokens(input, header: header, section: sections[0])

        typealias Rows = (keys: UnsafeMutablePointer<Float16>, values: UnsafeMutablePointer<Float16>)
        var rows = [[Rows]](repeating: [], count: header.layerCount)
        // The cache owns these rows and is not resized before it is returned.
        let cache = try HybridKVCache.restore(config: config, layout: header.layout, count: header.tokenCount,
                                              maxTokens: maxTokens, headroom: headroom) { layer, _, keys, values in
            rows[layer].append((keys.baseAddress ?? .allocate(capacity: 0), values.baseAddress ?? .allocate(capacity: 0)))
        }
        let destinations = UncheckedSendable(rows)  // each layer's rows are written by one thread only
        let positions = SectionCodec.streamingPositions(count: header.tokenCount, sink: header.identity.sink,
                                                        recent: header.identity.recent)
        for l in 0..<header.layerCount {
            for h in 0..<header.kvHeadCount where header.kinds[l][h] == .streaming {
                guard cache.positions(layer: l, head: h) == positions else {
                    throw SnapshotError.corruptSection(path: path, section: l + 1, name: SnapshotIndex.name(l + 1),
                                                       detail: "has positions the cache does not (head \(h))")
                }
            }
        }
        try forEachLayer(input, header: header, sections: sections) { layer, raw in
            try SectionCodec.decode(raw: raw, layout: SectionLayout(header: header, layer: layer),
                                    destinations: destinations.value[layer], positions: positions)
        }
        return (cache, tokens, header)
    }

    /// The header and its size, after magic, version and checksum checks.
    static func readHeader(_ input: SnapshotInput) throws -> (header: SnapshotHeader, size: Int) {
        let prefix = try input.bytes(count: min(input.size, SnapshotHeader.prefixSize), at: 0, what: "the header")
        let size = try SnapshotHeader.size(prefix: prefix, path: input.path)
        guard size <= input.size else {
            throw SnapshotError.truncated(path: input.path, detail: "the header needs \(size) bytes, the file has \(input.size)")
        }
        let bytes = try input.bytes(count: size, at: 0, what: "the header")
        return (try SnapshotHeader.decode(bytes, path: input.path), size)
    }

    /// The sliding windows the header records must be the model's (a file
    /// written before version 3 stored every row of such layers).
    static func checkWindows(_ header: SnapshotHeader, config: ModelConfig, path: String) throws {
        let expected = (0..<config.layerCount).map { config.window(layer: $0) ?? 0 }
        let found = header.windows.isEmpty ? Array(repeating: 0, count: header.layerCount) : header.windows
        guard found != expected else { return }
        func describe(_ w: [Int]) -> String {
            let sliding = w.filter { $0 > 0 }
            let sizes = Set(sliding).sorted().map(String.init).joined(separator: "/")
            return sliding.isEmpty ? "none" : "of \(sizes) tokens on \(sliding.count) layer\(sliding.count == 1 ? "" : "s")"
        }
        throw SnapshotError.settingsMismatch(path: path, setting: "sliding windows", expected: describe(expected),
                                             found: header.windows.isEmpty ? "that kept every row (format version \(header.version))"
                                                 : describe(found))
    }

    /// Throws the first way `header` differs from what the caller runs with.
    static func check(_ header: SnapshotHeader, expecting e: SnapshotIdentity, config: ModelConfig, layout: HeadLayout?,
                      maxTokens: Int?, path: String) throws {
        let found = header.identity
        let prints: [(SnapshotError.Fingerprint, String, String)] = [
            (.model, e.modelFingerprint, found.modelFingerprint),
            (.tokenizer, e.tokenizerFingerprint, found.tokenizerFingerprint),
            (.pattern, e.patternFingerprint, found.patternFingerprint),
        ]
        for (which, expected, got) in prints where expected != got {
            throw SnapshotError.fingerprintMismatch(path: path, which: which, expected: expected, found: got)
        }
        let settings: [(String, String, String)] = [
            ("sparsity", "\(e.sparsity)", "\(found.sparsity)"),
            ("sink", "\(e.sink)", "\(found.sink)"),
            ("recent", "\(e.recent)", "\(found.recent)"),
            ("chunk size", "\(e.chunk)", "\(found.chunk)"),
            ("layer count", "\(config.layerCount)", "\(header.layerCount)"),
            ("KV head count", "\(config.kvHeadCount)", "\(header.kvHeadCount)"),
            ("head dimension", "\(config.headDim)", "\(header.headDim)"),
        ]
        for (name, expected, got) in settings where expected != got {
            throw SnapshotError.settingsMismatch(path: path, setting: name, expected: expected, found: got)
        }
        try checkWindows(header, config: config, path: path)
        // A snapshot may stream more heads than the caller (a smaller file); never fewer.
        if let layout, !streamsAtLeast(header.kinds, layout.kinds) {
            let mine = layout.kinds.map { String($0.map(\.letter)) }.joined(separator: "/")
            let theirs = header.kinds.map { String($0.map(\.letter)) }.joined(separator: "/")
            throw SnapshotError.settingsMismatch(path: path, setting: "head layout", expected: mine, found: theirs)
        }
        let bound = min(maxTokens ?? config.contextLength, config.contextLength)
        if header.tokenCount > bound {
            throw SnapshotError.settingsMismatch(path: path, setting: "context bound", expected: "\(bound) tokens",
                                                 found: "\(header.tokenCount) tokens")
        }
    }

    /// The token ids of section 0.
    static func readTokens(_ input: SnapshotInput, header: SnapshotHeader, section: SnapshotSection) throws -> [Int32] {
        let raw = try readSection(input, index: 0, section: section)
        return raw.withUnsafeBytes { b in
            (0..<header.tokenCount).map { Int32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self)) }
        }
    }

    /// Section `index`'s raw bytes, after its checksum and zstd frame check out.
    static func readSection(_ input: SnapshotInput, index: Int, section: SnapshotSection) throws -> [UInt8] {
        let name = SnapshotIndex.name(index)
        let stored = try input.bytes(count: section.storedSize, at: section.offset, what: "section \(index) (\(name))")
        guard XXHash64.hash(stored) == section.checksum else {
            throw SnapshotError.checksumMismatch(path: input.path, section: index, name: name)
        }
        do {
            // Uninitialized: decompression must fill it exactly or it throws.
            return try [UInt8](unsafeUninitializedCapacity: max(1, section.rawSize)) { dst, initialized in
                try stored.withUnsafeBytes { src in
                    try Zstd.decompress(src, into: UnsafeMutableRawBufferPointer(start: dst.baseAddress, count: section.rawSize))
                }
                initialized = section.rawSize
            }
        } catch {
            throw SnapshotError.corruptSection(path: input.path, section: index, name: name, detail: "\(error)")
        }
    }

    /// Reads, checks and decompresses every layer section in parallel and
    /// hands each to `body(layer, raw)`; throws the error of the lowest
    /// failing section.
    static func forEachLayer(_ input: SnapshotInput, header: SnapshotHeader, sections: [SnapshotSection],
                             _ body: @Sendable (Int, UnsafeRawBufferPointer) throws -> Void) throws {
        let failures = Locked([Int: Error]())
        let next = Locked(0)
        let layers = header.layerCount
        DispatchQueue.concurrentPerform(iterations: min(parallelism, layers)) { _ in
            while true {
                var layer = 0
                next.update { layer = $0; $0 += 1 }
                guard layer < layers else { return }
                do {
                    let raw = try readSection(input, index: layer + 1, section: sections[layer + 1])
                    do {
                        try raw.withUnsafeBytes { try body(layer, $0) }
                    } catch let failure as SectionDecodeFailure {
                        throw SnapshotError.corruptSection(path: input.path, section: layer + 1,
                                                           name: SnapshotIndex.name(layer + 1), detail: failure.detail)
                    }
                } catch {
                    failures.update { $0[layer] = error }
                    return
                }
            }
        }
        if let first = failures.value.min(by: { $0.key < $1.key }) { throw first.value }
    }
}
