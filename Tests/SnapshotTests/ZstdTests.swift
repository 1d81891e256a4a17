import Testing
@testable import Snapshot

@Suite("zstd")
struct ZstdTests {
    @Test func roundTripAndCompression() throws {
        let input = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 % 251 / 7) }
        let packed = try Zstd.compress(input)
        #expect(packed.count < input.count / 10)
        #expect(try Zstd.decompress(packed, expectedSize: input.count) == input)
    }

    @Test func corruptionIsDetected() throws {
        var packed = try Zstd.compress(Array("a snapshot section".utf8))
        packed[packed.count / 2] ^= 0xFF
        #expect(throws: ZstdError.self) { _ = try Zstd.decompress(packed, expectedSize: 18) }
        #expect(throws: ZstdError.self) { _ = try Zstd.decompress(try Zstd.compress([1, 2, 3]), expectedSize: 4) }
    }
}
