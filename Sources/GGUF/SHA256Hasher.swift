import Crypto

/// SHA-256 as lower-case hex: model fingerprints, document content hashes
/// and checksums of fetched assets.
///
/// A thin wrapper over swift-crypto's `SHA256` (BoringSSL on Linux, CryptoKit
/// on Apple platforms) that takes any byte collection and answers in hex, the
/// form every caller stores and compares. It lives in `GGUF`, the bottom of
/// the module graph, so every module above can use it.
public struct SHA256Hasher: Sendable {
    private var hash = SHA256()

    public init() {}

    /// Hex digest of `bytes` in one call.
    public static func hex<C: Collection>(of bytes: C) -> String where C.Element == UInt8 {
        var h = SHA256Hasher()
        h.update(bytes)
        return h.finalizeHex()
    }

    /// Feeds more bytes; contiguous collections (arrays, `Data`, buffers) are
    /// hashed in place, others copied once.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { hash.update(bufferPointer: $0) } }
    }

    /// The 32-byte digest of everything fed so far, as 64 lower-case hex digits.
    public func finalizeHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hash.finalize() {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
