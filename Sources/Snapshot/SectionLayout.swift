import Inference

/// Where each head's data sits in one layer's raw (uncompressed) section.
///
/// A raw section is a run of 16-bit little-endian words stored byte-shuffled
/// (`2·words` bytes: all low bytes, then all high bytes) followed by the
/// lossy codecs' code bytes. Heads follow in KV-head order in both parts.
///
/// Words per head:
/// - streaming (every codec): positions (`rows` u32, low word first), then
///   keys and values (`rows × headDim` f16 each), rows = sink + ring;
/// - retrieval, `f16`: keys then values (`count × headDim` f16 each);
/// - retrieval, `int8`/`int4`: key scales, key minimums (`keyGroups ×
///   headDim` f16 each), value scales, value minimums (`count ×
///   valueGroupsPerRow` f16 each).
///
/// Code bytes per retrieval head (lossy codecs): key codes then value codes,
/// `count × headDim` each, one per byte (`int8`) or two per byte, low nibble
/// first (`int4`). Key codes are channel-major within each token group.
struct SectionLayout {
    let codec: SnapshotCodec
    let kinds: [HeadKind]
    let count: Int
    let headDim: Int
    let groups: QuantizationGroups
    /// Rows a streaming head holds.
    let streamingRows: Int

    init(header: SnapshotHeader, layer: Int) {
        codec = header.codec
        kinds = header.kinds[layer]
        count = header.tokenCount
        headDim = header.headDim
        groups = header.groups
        let sink = header.identity.sink, recent = header.identity.recent
        streamingRows = min(count, sink) + min(max(count - sink, 0), recent)
    }

    var keyGroups: Int { codec == .f16 ? 0 : (count + groups.keyTokens - 1) / groups.keyTokens }
    var valueGroupsPerRow: Int { codec == .f16 ? 0 : (headDim + groups.valueChannels - 1) / groups.valueChannels }

    /// Rows head `h` holds.
    func rows(_ h: Int) -> Int { kinds[h] == .streaming ? streamingRows : count }

    /// 16-bit words head `h` stores.
    func words(_ h: Int) -> Int {
        if kinds[h] == .streaming { return 2 * streamingRows + 2 * streamingRows * headDim }
        if codec == .f16 { return 2 * count * headDim }
        return 2 * keyGroups * headDim + 2 * count * valueGroupsPerRow
    }

    /// Code bytes head `h` stores (one plane each for keys and values).
    func codeBytes(_ h: Int) -> Int {
        guard kinds[h] == .retrieval else { return 0 }
        switch codec {
        case .f16: return 0
        case .int8: return 2 * count * headDim
        case .int4: return count * headDim  // headDim is even, so every plane packs exactly
        }
    }

    var totalWords: Int { kinds.indices.reduce(0) { $0 + words($1) } }
    var totalCodeBytes: Int { kinds.indices.reduce(0) { $0 + codeBytes($1) } }
    /// Bytes of the raw section.
    var rawSize: Int { 2 * totalWords + totalCodeBytes }

    /// Offsets (in words, in code bytes) of each head's data.
    func offsets() -> [(words: Int, codes: Int)] {
        var w = 0, c = 0
        return kinds.indices.map { h in
            defer { w += words(h); c += codeBytes(h) }
            return (w, c)
        }
    }
}
