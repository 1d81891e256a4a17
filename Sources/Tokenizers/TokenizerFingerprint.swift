/// A stable 64-bit FNV-1a hash of everything that determines tokenization,
/// so a snapshot made with one vocabulary is never replayed with another.
enum TokenizerFingerprint {
    static func compute(kind: String, pre: String, vocabulary: Vocabulary, extra: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF
            hash = hash &* 0x0000_0100_0000_01B3
        }
        mix(kind.utf8)
        mix(pre.utf8)
        for (token, type) in zip(vocabulary.tokens, vocabulary.types) {
            mix(token.utf8)
            mix(CollectionOfOne(UInt8(truncatingIfNeeded: type.rawValue)))
        }
        for score in vocabulary.scores { mix(withUnsafeBytes(of: score.bitPattern.littleEndian) { Array($0) }) }
        for item in extra { mix(item.utf8) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
