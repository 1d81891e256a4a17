import Foundation
import Inference

/// The fixed description at the start of a `.pkv` file: format version,
/// identity, codec, cache shape, token count and head kinds
/// (byte layout in `docs/snapshot-format.md`).
public struct SnapshotHeader: Sendable, Equatable {
    /// `PRECISKV`.
    static let magic: [UInt8] = Array("PRECISKV".utf8)
    /// The format version this build writes and reads.
    public static let currentVersion = 3
    /// The oldest format version this build reads (1: streaming rows always
    /// f16; before 3: sliding-window layers kept every row).
    public static let oldestReadableVersion = 1

    public var version: Int
    public var identity: SnapshotIdentity
    public var codec: SnapshotCodec
    /// Group sizes the lossy codecs used (zero for `f16`).
    public var groups: QuantizationGroups
    public var layerCount: Int
    public var kvHeadCount: Int
    public var headDim: Int
    /// Tokens the cache has seen.
    public var tokenCount: Int
    /// `[layer][kvHead]` kinds of the layout the cache was built under.
    public var kinds: [[HeadKind]]
    /// Per layer, its sliding window (0: full attention); such a layer's
    /// heads store only the rows the window still reaches. Empty before
    /// version 3, when every layer stored every row.
    public var windows: [Int] = []
    /// When the snapshot was written (seconds since 1970, UTC).
    public var created: Date

    /// The head layout of the stored cache.
    /// Bytes a full-attention f16 cache of the same tokens takes.
    public var fullCacheBytes: Int {
        HybridKVCache.fullBytes(layers: layerCount, kvHeads: kvHeadCount, headDim: headDim, tokens: tokenCount)
    }

    public var layout: HeadLayout { HeadLayout(kinds: kinds, sink: identity.sink, recent: identity.recent) }

    /// Bytes of the encoded header including its trailing checksum.
    var encodedSize: Int { encode().count }

    /// The header's bytes: fields, then XXH64 of everything before it.
    func encode() -> [UInt8] {
        var w = ByteWriter()
        w.bytes(Self.magic)
        w.u32(UInt32(version))
        let sizeAt = w.data.count
        w.u32(0)  // header size, patched below
        w.u8(codec.rawValue); w.u8(0)
        w.u16(UInt16(clamping: codec == .f16 ? 0 : groups.keyTokens))
        w.u16(UInt16(clamping: codec == .f16 ? 0 : groups.valueChannels))
        w.u16(0)
        for v in [layerCount, kvHeadCount, headDim, identity.sink, identity.recent, identity.chunk] { w.u32(UInt32(clamping: v)) }
        w.u64(UInt64(tokenCount))
        w.u64(identity.sparsity.bitPattern)
        w.u64(UInt64(bitPattern: Int64(created.timeIntervalSince1970.rounded(.down))))
        for s in [identity.modelFingerprint, identity.tokenizerFingerprint, identity.patternFingerprint] { w.string(s) }
        for row in kinds { for k in row { w.u8(k == .streaming ? 1 : 0) } }
        if version >= 3 { for l in 0..<layerCount { w.u32(UInt32(clamping: l < windows.count ? windows[l] : 0)) } }
        let size = UInt32(w.data.count + 8)
        withUnsafeBytes(of: size.littleEndian) { w.data.replaceSubrange(sizeAt..<(sizeAt + 4), with: $0) }
        w.u64(XXHash64.hash(w.data))
        return w.data
    }

    /// Bytes that always suffice to learn the header's size.
    static let prefixSize = 16

    /// The header's total size from its first `prefixSize` bytes, after
    /// checking magic and version.
    static func size(prefix: [UInt8], path: String) throws -> Int {
        guard prefix.count >= prefixSize else {
            if prefix.count < 8 || Array(prefix[0..<8]) == magic {
                throw SnapshotError.truncated(path: path, detail: "the file has only \(prefix.count) bytes")
            }
            throw SnapshotError.notASnapshot(path: path)
        }
        guard Array(prefix[0..<8]) == magic else { throw SnapshotError.notASnapshot(path: path) }
        var r = ByteReader(prefix, path: path)
        r.offset = 8
        let version = Int(try r.u32())
        guard (oldestReadableVersion...currentVersion).contains(version) else {
            throw SnapshotError.unsupportedVersion(path: path, found: version, supported: currentVersion)
        }
        let size = Int(try r.u32())
        guard size >= 72 + 8 && size <= 1 << 24 else {
            throw SnapshotError.corruptHeader(path: path, detail: "header size \(size) is impossible")
        }
        return size
    }

    /// Parses and checks a complete header (`bytes` holds exactly its bytes).
    static func decode(_ bytes: [UInt8], path: String) throws -> SnapshotHeader {
        let size = try size(prefix: Array(bytes.prefix(prefixSize)), path: path)
        guard bytes.count == size else {
            throw SnapshotError.truncated(path: path, detail: "the header needs \(size) bytes, the file has \(bytes.count)")
        }
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: size - 8, as: UInt64.self)) }
        guard XXHash64.hash(Array(bytes[0..<(size - 8)])) == stored else {
            throw SnapshotError.corruptHeader(path: path, detail: "header checksum mismatch")
        }
        var r = ByteReader(bytes, path: path)
        r.offset = 8
        let version = Int(try r.u32())  // checked by `size(prefix:path:)`
        r.offset = 16
        guard let codec = SnapshotCodec(rawValue: try r.u8()) else {
            throw SnapshotError.corruptHeader(path: path, detail: "unknown codec \(bytes[16])")
        }
        _ = try r.u8()
        let groups = QuantizationGroups(keyTokens: Int(try r.u16()), valueChannels: Int(try r.u16()))
        _ = try r.u16()
        let layers = Int(try r.u32()), heads = Int(try r.u32()), headDim = Int(try r.u32())
        let sink = Int(try r.u32()), recent = Int(try r.u32()), chunk = Int(try r.u32())
        let tokenCount = try r.u64()
        let sparsity = Double(bitPattern: try r.u64())
        let created = Int64(bitPattern: try r.u64())
        let model = try r.string(), tokenizer = try r.string(), pattern = try r.string()
        // Bounds keep every size computed from these fields far from overflow
        // (each count is bounded before the two are multiplied).
        guard layers > 0, heads > 0, headDim > 0, headDim % 2 == 0, headDim <= 1 << 12,
              layers <= 1 << 16, heads <= 1 << 16, layers * heads <= 1 << 16,
              tokenCount < 1 << 28, sink < 1 << 28, recent < 1 << 28, sparsity.isFinite else {
            throw SnapshotError.corruptHeader(path: path, detail: "impossible shape \(layers)×\(heads)×\(headDim), \(tokenCount) tokens")
        }
        if codec != .f16 && (groups.keyTokens == 0 || groups.valueChannels == 0) {
            throw SnapshotError.corruptHeader(path: path, detail: "zero quantization group")
        }
        var kinds: [[HeadKind]] = []
        for _ in 0..<layers {
            kinds.append(try (0..<heads).map { _ in
                switch try r.u8() {
                case 0: return .retrieval
                case 1: return .streaming
                case let k: throw SnapshotError.corruptHeader(path: path, detail: "unknown head kind \(k)")
                }
            })
        }
        let windows = version >= 3 ? try (0..<layers).map { _ in Int(try r.u32()) } : []
        if let bad = windows.first(where: { $0 >= 1 << 28 }) {
            throw SnapshotError.corruptHeader(path: path, detail: "impossible sliding window \(bad)")
        }
        guard r.offset == size - 8 else {
            throw SnapshotError.corruptHeader(path: path, detail: "header size \(size) disagrees with its fields")
        }
        let identity = SnapshotIdentity(modelFingerprint: model, tokenizerFingerprint: tokenizer, patternFingerprint: pattern,
                                        sparsity: sparsity, sink: sink, recent: recent, chunk: chunk)
        return SnapshotHeader(version: version, identity: identity, codec: codec, groups: groups,
                              layerCount: layers, kvHeadCount: heads, headDim: headDim, tokenCount: Int(tokenCount),
                              kinds: kinds, windows: windows, created: Date(timeIntervalSince1970: TimeInterval(created)))
    }
}

/// Little-endian field writer.
struct ByteWriter {
    var data: [UInt8] = []
    mutating func bytes(_ b: [UInt8]) { data += b }
    mutating func u8(_ v: UInt8) { data.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data += $0 } }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8.prefix(Int(UInt16.max)))
        u16(UInt16(utf8.count))
        data += utf8
    }
}

/// Little-endian field reader that throws `truncated`/`corruptHeader` instead of reading past the end.
struct ByteReader {
    let data: [UInt8]
    let path: String
    var offset = 0

    init(_ data: [UInt8], path: String) {
        self.data = data
        self.path = path
    }

    private mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= data.count else {
            throw SnapshotError.corruptHeader(path: path, detail: "field at byte \(offset) runs past the end")
        }
        defer { offset += n }
        return data[offset..<(offset + n)]
    }

    private mutating func int<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let slice = try take(MemoryLayout<T>.size)
        return slice.reversed().reduce(T(0)) { ($0 << 8) | T($1) }
    }

    mutating func u8() throws -> UInt8 { try int(UInt8.self) }
    mutating func u16() throws -> UInt16 { try int(UInt16.self) }
    mutating func u32() throws -> UInt32 { try int(UInt32.self) }
    mutating func u64() throws -> UInt64 { try int(UInt64.self) }
    mutating func string() throws -> String {
        let n = Int(try u16())
        return String(decoding: try take(n), as: UTF8.self)
    }
}
