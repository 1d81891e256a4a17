import Foundation
import Testing
import GGUF

/// `SHA256Hasher` known answers and `GGUFFile.fingerprint`.
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
            #expect(f.fingerprint == h.finalizeHex())
            #expect(f.fingerprint.count == 64)
        }
    }

    @Test func sameFileSameFingerprint() throws {
        let bytes = try smallModel().bytes()
        let a = try withParsed(bytes) { $0.fingerprint }
        let b = try withParsed(try smallModel().bytes()) { $0.fingerprint }
        #expect(a == b)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try GGUFFile(path: path).fingerprint == a)
    }

    @Test func metadataChangeChangesFingerprint() throws {
        let base = try withParsed(try smallModel().bytes()) { $0.fingerprint }
        var w = try smallModel()
        w.set("llama.block_count", .uint32(3))
        #expect(try withParsed(try w.bytes()) { $0.fingerprint } != base)
        var renamed = try smallModel()
        renamed.set("tokenizer.ggml.tokens", .array([.string("a"), .string("bd"), .string("<s>")]))
        #expect(try withParsed(try renamed.bytes()) { $0.fingerprint } != base)
    }

    @Test func weightsAreNotHashed() throws {
        var bytes = try smallModel().bytes()
        let (base, offset) = try withParsed(bytes) { ($0.fingerprint, $0.dataOffset) }
        bytes[offset] ^= 0xFF
        #expect(try withParsed(bytes) { $0.fingerprint } == base)
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 32))
        #expect(try withParsed(bytes) { $0.fingerprint } != base)
    }
}
