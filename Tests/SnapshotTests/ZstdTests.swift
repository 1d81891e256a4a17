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
        let original = Array("a snapshot section".utf8)
        for position in 0..<(try Zstd.compress(original).count) {
            var packed = try Zstd.compress(original)
            packed[position] ^= 0x5A
            #expect(throws: ZstdError.self, "flip at byte \(position) went unnoticed") {
                _ = try Zstd.decompress(packed, expectedSize: original.count)
            }
        }
        #expect(throws: ZstdError.self) { _ = try Zstd.decompress(try Zstd.compress([1, 2, 3]), expectedSize: 4) }
    }
}
