import Inference

/// Where each head's data sits in one layer's raw (uncompressed) section.
///
/// A raw section is a run of 16-bit little-endian words stored byte-shuffled
/// (`2·words` bytes: all low bytes, then all high bytes) followed by the
/// lossy codecs' code bytes. Heads follow in KV-head order in both parts.
///
/// Words per head:
/// - streaming: positions (`rows` u32, low word first), then its rows,
///   rows = sink + ring;
/// - retrieval: its rows, `count` of them; in a sliding-window layer
///   (version 3) the last `window - 1` of them (or `count` if fewer).
///
/// Rows of a head are stored as `f16`: keys then values (`rows × headDim`
/// f16 each); lossy codecs: key scales, key minimums (`keyGroups(rows) ×
/// headDim` f16 each), value scales, value minimums (`rows ×
/// valueGroupsPerRow` f16 each), with code bytes: key codes then value
/// codes, `rows × headDim` each, one per byte (`int8`), two (`int4`) or
/// four (`int2`) per byte, lowest bits first. Key codes are channel-major
/// within each token group. Format version 1 stored streaming rows as f16
/// whatever the codec; version 2 stores them with the codec.
struct SectionLayout {
    let codec: SnapshotCodec
    let kinds: [HeadKind]
    let count: Int
    let headDim: Int
    let groups: QuantizationGroups
    /// Rows a streaming head holds.
    let streamingRows: Int
    /// Rows a retrieval head holds: `count`, or a sliding window's last rows.
    let retrievalRows: Int
    /// The streaming window: sink tokens and recent tokens.
    let sink: Int, recent: Int
    /// Whether streaming heads' rows use the codec (format version 2) or f16.
    let quantizesStreaming: Bool

    init(header: SnapshotHeader, layer: Int) {
        codec = header.codec
        kinds = header.kinds[layer]
        count = header.tokenCount
        headDim = header.headDim
        groups = header.groups
        sink = header.identity.sink
        recent = header.identity.recent
        streamingRows = min(count, sink) + min(max(count - sink, 0), recent)
        quantizesStreaming = header.version >= 2
        let window = layer < header.windows.count ? header.windows[layer] : 0
        retrievalRows = window > 0 ? min(count, window - 1) : count
    }

    /// Rows head `h` holds.
    func rows(_ h: Int) -> Int { kinds[h] == .streaming ? streamingRows : retrievalRows }

    /// The codec head `h`'s rows are stored with.
    func codec(_ h: Int) -> SnapshotCodec { kinds[h] == .streaming && !quantizesStreaming ? .f16 : codec }

    func keyGroups(rows: Int) -> Int { (rows + groups.keyTokens - 1) / groups.keyTokens }
    var valueGroupsPerRow: Int { (headDim + groups.valueChannels - 1) / groups.valueChannels }

    /// 16-bit words head `h` stores.
    func words(_ h: Int) -> Int {
        let n = rows(h), positions = kinds[h] == .streaming ? 2 * n : 0
        if codec(h) == .f16 { return positions + 2 * n * headDim }
        return positions + 2 * keyGroups(rows: n) * headDim + 2 * n * valueGroupsPerRow
    }

    /// Code bytes head `h` stores (one plane each for keys and values).
    func codeBytes(_ h: Int) -> Int {
        let codec = codec(h)
        return codec == .f16 ? 0 : (2 * rows(h) * headDim * codec.bits + 7) / 8
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
