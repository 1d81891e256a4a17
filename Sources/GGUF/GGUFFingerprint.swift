extension GGUFFile {
    /// A stable identity of this model file: lower-case hex SHA-256 of the
    /// header region followed by the file size.
    ///
    /// The header region is every byte before the tensor data (`0..<dataOffset`):
    /// magic, version, all metadata keys and values (architecture, sizes,
    /// tokenizer vocabulary, chat template, …), every tensor's name, shape,
    /// type and offset, and the alignment padding. The file size is appended
    /// as 8 little-endian bytes. Hashing only the header keeps this cheap (a
    /// few megabytes at most, even for a multi-gigabyte model) while any change
    /// to the metadata, the tensor layout or the quantization changes it; a
    /// change confined to weight values that keeps the exact layout does not.
    ///
    /// Used to tie artifacts made for one model (head patterns, snapshots) to
    /// that model. Computed on each call, so read it once and keep the string.
    public var fingerprint: String {
        var hasher = SHA256Hasher()
        hasher.update(UnsafeRawBufferPointer(start: base, count: min(dataOffset, fileSize)))
        withUnsafeBytes(of: UInt64(fileSize).littleEndian) { hasher.update($0) }
        return hasher.finalizeHex()
    }
}
