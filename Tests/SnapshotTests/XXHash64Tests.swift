import Testing
import Inference
@testable import Snapshot

@Suite("xxHash64")
struct XXHash64Tests {
    /// Reference values of XXH64 with seed 0 (xxhsum).
    @Test func knownValues() {
        #expect(XXHash64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test func everyLengthAndBitMatters() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var seen = Set<UInt64>()
        for n in 0...data.count { seen.insert(XXHash64.hash(Array(data[0..<n]))) }
        #expect(seen.count == data.count + 1)
        let base = XXHash64.hash(data)
        for i in stride(from: 0, to: data.count, by: 7) {
            var flipped = data
            flipped[i] ^= 1
            #expect(XXHash64.hash(flipped) != base)
        }
    }
}

@Suite("Snapshot identity")
struct IdentityTests {
    @Test func patternFingerprints() throws {
        let a = try HeadPattern.random(layers: 3, kvHeads: 2, seed: 1), b = try HeadPattern.random(layers: 3, kvHeads: 2, seed: 2)
        #expect(SnapshotIdentity.patternFingerprint(of: a) == SnapshotIdentity.patternFingerprint(of: a))
        #expect(SnapshotIdentity.patternFingerprint(of: a) != SnapshotIdentity.patternFingerprint(of: b))
        let full = HeadLayout.full(layers: 3, kvHeads: 2), windowed = HeadLayout(kinds: full.kinds, sink: 4, recent: 8)
        #expect(SnapshotIdentity.patternFingerprint(of: full) != SnapshotIdentity.patternFingerprint(of: windowed))
        #expect(SnapshotCodec(name: "INT4") == .int4 && SnapshotCodec(name: "q4") == nil)
    }
}
