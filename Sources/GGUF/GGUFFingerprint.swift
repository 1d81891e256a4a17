extension GGUFFile {
    /// An identity of the model's layout: lower-case hex SHA-256 of the
    /// header region followed by the file size.
    ///
    /// The header region is every byte before the tensor data (`0..<dataOffset`):
    /// magic, version, all metadata keys and values (architecture, sizes,
    /// tokenizer vocabulary, chat template, …), every tensor's name, shape,
    /// type and offset, and the alignment padding. The file size is appended
    /// as 8 little-endian bytes. Cheap (a few megabytes at most), but blind to
    /// the weights: two files with one layout and different weights (a
    /// fine-tune) share it. Head patterns are matched to models by it (the
    /// shipped sidecars record it); anything that depends on the weights,
    /// such as a snapshot, uses `contentFingerprint(cache:)`.
    public var headerFingerprint: String {
        var hasher = SHA256Hasher()
        hasher.update(UnsafeRawBufferPointer(start: base, count: min(dataOffset, fileSize)))
        withUnsafeBytes(of: UInt64(fileSize).littleEndian) { hasher.update($0) }
        return hasher.finalizeHex()
    }

    /// The identity of the model's weights: lower-case hex SHA-256 of the
    /// whole file, header and tensor data (what `sha256sum` prints).
    ///
    /// Ties artifacts computed from the weights (snapshots) to exactly this
    /// file's content. Hashing hundreds of megabytes takes seconds, so with a
    /// `cache` the digest is computed once per version of the file and read
    /// back on later loads (see `ContentDigestCache`); a model read from
    /// memory, or opened without a cache, is hashed on every call.
    public func contentFingerprint(cache: ContentDigestCache?) -> String {
        let hash = { SHA256Hasher.hex(of: UnsafeRawBufferPointer(start: self.base, count: self.fileSize)) }
        guard let cache, let identity else { return hash() }
        return cache.digest(path: path, identity: identity, compute: hash)
    }
}
