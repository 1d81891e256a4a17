import Foundation
import Testing
import GGUF

/// `SHA256Hasher` known answers, `GGUFFile.headerFingerprint` and
/// `GGUFFile.contentFingerprint(cache:)` with its `ContentDigestCache`.
@Suite struct FingerprintTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256Hasher.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256Hasher.hex(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var h = SHA256Hasher()
        for _ in 0..<1000 { h.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(h.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func fingerprintIsHeaderHashPlusSize() throws {
        let bytes = try smallModel().bytes()
        try withParsed(bytes) { f in
            var h = SHA256Hasher()
            h.update(bytes[0..<f.dataOffset])
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { h.update($0) }
            #expect(f.headerFingerprint == h.finalizeHex())
            #expect(f.headerFingerprint.count == 64)
        }
    }

    @Test func sameFileSameFingerprint() throws {
        let bytes = try smallModel().bytes()
        let a = try withParsed(bytes) { $0.headerFingerprint }
        let b = try withParsed(try smallModel().bytes()) { $0.headerFingerprint }
        #expect(a == b)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try GGUFFile(path: path).headerFingerprint == a)
    }

    @Test func metadataChangeChangesFingerprint() throws {
        let base = try withParsed(try smallModel().bytes()) { $0.headerFingerprint }
        var w = try smallModel()
        w.set("llama.block_count", .uint32(3))
        #expect(try withParsed(try w.bytes()) { $0.headerFingerprint } != base)
        var renamed = try smallModel()
        renamed.set("tokenizer.ggml.tokens", .array([.string("a"), .string("bd"), .string("<s>")]))
        #expect(try withParsed(try renamed.bytes()) { $0.headerFingerprint } != base)
    }

    @Test func headerFingerprintIgnoresWeights() throws {
        var bytes = try smallModel().bytes()
        let (base, offset) = try withParsed(bytes) { ($0.headerFingerprint, $0.dataOffset) }
        bytes[offset] ^= 0xFF
        #expect(try withParsed(bytes) { $0.headerFingerprint } == base)
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 32))
        #expect(try withParsed(bytes) { $0.headerFingerprint } != base)
    }

    /// A file with the same header as another but other weights (what used
    /// to share a fingerprint, and so the other's snapshots).
    @Test func contentFingerprintCoversTheWeights() throws {
        var bytes = try smallModel().bytes()
        let (header, content, offset) = try withParsed(bytes) { ($0.headerFingerprint, $0.contentFingerprint(cache: nil), $0.dataOffset) }
        #expect(content == SHA256Hasher.hex(of: bytes))
        bytes[offset + 5] ^= 0x01
        try withParsed(bytes) { f in
            #expect(f.headerFingerprint == header)
            #expect(f.contentFingerprint(cache: nil) != content)
        }
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func digestIsCachedByFileIdentity() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        let bytes = try smallModel().bytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let cache = ContentDigestCache(file: dir.appendingPathComponent("state/model-digests.json"))
        let first = try GGUFFile(path: path)
        #expect(first.contentFingerprint(cache: cache) == SHA256Hasher.hex(of: bytes))
        // Read back, not recomputed: the cached digest of this identity is returned.
        let identity = try #require(first.identity)
        #expect(cache.digest(path: path, identity: identity) { "recomputed" } == SHA256Hasher.hex(of: bytes))
        #expect(try GGUFFile(path: path).contentFingerprint(cache: cache) == SHA256Hasher.hex(of: bytes))
    }

    @Test func aRewrittenFileIsHashedAgain() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        var bytes = try smallModel().bytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let cache = ContentDigestCache(file: dir.appendingPathComponent("model-digests.json"))
        let original = try GGUFFile(path: path)
        let before = original.contentFingerprint(cache: cache)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        // Same size, same header, same modification time; one weight byte differs, written in place.
        bytes[original.dataOffset + 5] ^= 0x01
        usleep(50_000)  // past the file system's timestamp granularity
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate] as Any], ofItemAtPath: path)
        let rewritten = try GGUFFile(path: path)
        #expect(rewritten.headerFingerprint == original.headerFingerprint)
        #expect(rewritten.contentFingerprint(cache: cache) == SHA256Hasher.hex(of: bytes))
        #expect(rewritten.contentFingerprint(cache: cache) != before)
    }

    @Test func anUnreadableCacheOnlyMeansHashingAgain() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        let bytes = try smallModel().bytes()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let cacheFile = dir.appendingPathComponent("model-digests.json")
        try Data("not json".utf8).write(to: cacheFile)
        #expect(try GGUFFile(path: path).contentFingerprint(cache: ContentDigestCache(file: cacheFile)) == SHA256Hasher.hex(of: bytes))
    }
}
