import GGUF
import Inference

/// What a snapshot's cache depends on besides the document: the model, the
/// tokenizer, the head pattern and the DuoAttention settings the prefill ran
/// with. A snapshot is only valid for a caller whose identity is equal;
/// `Snapshot.read` refuses any other.
public struct SnapshotIdentity: Sendable, Hashable, Codable {
    /// `GGUFFile.contentFingerprint(cache:)` of the model: the SHA-256 of the
    /// whole file, so a snapshot never serves other weights with the same header.
    public var modelFingerprint: String
    /// `Tokenizer.fingerprint`.
    public var tokenizerFingerprint: String
    /// `SnapshotIdentity.patternFingerprint(of:)` of the head pattern, or of
    /// the layout for a pattern-less (e.g. full-attention) run.
    public var patternFingerprint: String
    /// Fraction of KV heads that stream.
    public var sparsity: Double
    /// Sink tokens every streaming head keeps.
    public var sink: Int
    /// Recent tokens every streaming head keeps.
    public var recent: Int
    /// Prefill chunk size: streaming heads see their chunk causally, so the
    /// cache depends on it.
    public var chunk: Int

    public init(modelFingerprint: String, tokenizerFingerprint: String, patternFingerprint: String,
                sparsity: Double, sink: Int, recent: Int, chunk: Int) {
        self.modelFingerprint = modelFingerprint
        self.tokenizerFingerprint = tokenizerFingerprint
        self.patternFingerprint = patternFingerprint
        self.sparsity = sparsity
        self.sink = sink
        self.recent = recent
        self.chunk = chunk
    }

    /// The identity of a prefill under `layout` (binarized from `pattern` at
    /// `sparsity`, or a pattern-less layout such as full attention when
    /// `pattern` is nil): fingerprints computed here, sink and recent taken
    /// from the layout.
    public init(modelFingerprint: String, tokenizer: any Tokenizer, pattern: HeadPattern?, layout: HeadLayout,
                sparsity: Double, chunk: Int) {
        self.init(modelFingerprint: modelFingerprint, tokenizerFingerprint: tokenizer.fingerprint,
                  patternFingerprint: pattern.map { Self.patternFingerprint(of: $0) } ?? Self.patternFingerprint(of: layout),
                  sparsity: sparsity, sink: layout.sink, recent: layout.recent, chunk: chunk)
    }

    /// A stable fingerprint of a head pattern's gates (hex SHA-256 of its
    /// TSV text): the same gates give the same fingerprint wherever they
    /// were loaded from.
    public static func patternFingerprint(of pattern: HeadPattern) -> String {
        SHA256Hasher.hex(of: Array(pattern.tsv().utf8))
    }

    /// A fingerprint of a binarized layout (hex SHA-256 of its kinds, one
    /// `R`/`S` letter per KV head and a newline per layer, plus sink and
    /// recent), for runs without a pattern file such as full attention.
    public static func patternFingerprint(of layout: HeadLayout) -> String {
        var text = layout.kinds.map { String($0.map(\.letter)) }.joined(separator: "\n")
        text += "\nsink \(layout.sink) recent \(layout.recent)\n"
        return SHA256Hasher.hex(of: Array(text.utf8))
    }
}

/// How a snapshot stores the K/V rows of its heads (retrieval heads' every
/// row, streaming heads' sink and recent rows).
public enum SnapshotCodec: UInt8, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// Lossless: f16 rows byte-shuffled into low/high planes, then zstd.
    case f16 = 0
    /// 8-bit KIVI-style: keys per channel over groups of tokens, values per
    /// token over groups of channels, f16 scale and minimum per group; then zstd.
    case int8 = 1
    /// As `int8` with 4-bit codes (two per byte).
    case int4 = 2
    /// As `int8` with 2-bit codes (four per byte).
    case int2 = 3

    public var description: String {
        switch self {
        case .f16: return "f16"
        case .int8: return "int8"
        case .int4: return "int4"
        case .int2: return "int2"
        }
    }

    /// The codec named `name` (`f16`, `int8`, `int4`, `int2`), or nil.
    public init?(name: String) {
        guard let codec = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = codec
    }

    /// Bits per code; 16 for f16.
    var bits: Int {
        switch self {
        case .f16: return 16
        case .int8: return 8
        case .int4: return 4
        case .int2: return 2
        }
    }

    /// Highest code (2^bits − 1); 0 for f16.
    var levels: Int { self == .f16 ? 0 : (1 << bits) - 1 }
}

/// Group sizes of the lossy codecs (ignored by `f16`).
public struct QuantizationGroups: Sendable, Equatable {
    /// Tokens per key group: each channel gets one scale and minimum per group
    /// of this many consecutive tokens (KIVI quantizes keys per channel,
    /// because a few key channels carry outliers).
    public var keyTokens: Int
    /// Channels per value group: each token's value row is split into groups
    /// of this many channels.
    public var valueChannels: Int

    public init(keyTokens: Int = 64, valueChannels: Int = 64) {
        self.keyTokens = keyTokens
        self.valueChannels = valueChannels
    }
}
