import GGUF

/// Everything a stored snapshot is looked up by: the exact document text the
/// model read, what the cache was built with, how the document was framed
/// in the prompt, and the codec. Two keys with equal `id` name the same file.
public struct SnapshotKey: Sendable, Equatable, Hashable {
    /// Hex SHA-256 of the text that was prefilled (the framed document).
    public var documentHash: String
    /// Model, tokenizer, head pattern and DuoAttention settings.
    public var identity: SnapshotIdentity
    /// Version of the prompt framing around the document; a new framing
    /// makes old snapshots stale.
    public var framingVersion: Int
    public var codec: SnapshotCodec

    public init(documentHash: String, identity: SnapshotIdentity, framingVersion: Int, codec: SnapshotCodec) {
        self.documentHash = documentHash
        self.identity = identity
        self.framingVersion = framingVersion
        self.codec = codec
    }

    /// The key of `text` prefilled under `identity`.
    public init(text: String, identity: SnapshotIdentity, framingVersion: Int, codec: SnapshotCodec) {
        self.init(documentHash: SHA256Hasher.hex(of: Array(text.utf8)), identity: identity,
                  framingVersion: framingVersion, codec: codec)
    }

    /// Hex SHA-256 of every field, in a fixed text form: the file name and
    /// the index's primary key.
    public var id: String {
        let i = identity
        let text = """
            precis-snapshot-key 1
            document \(documentHash)
            model \(i.modelFingerprint)
            tokenizer \(i.tokenizerFingerprint)
            pattern \(i.patternFingerprint)
            sparsity \(i.sparsity)
            sink \(i.sink)
            recent \(i.recent)
            chunk \(i.chunk)
            framing \(framingVersion)
            codec \(codec)

            """
        return SHA256Hasher.hex(of: Array(text.utf8))
    }
}
