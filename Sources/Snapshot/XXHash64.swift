/// xxHash64 (Yann Collet's XXH64, seed 0 by default): the section and header
/// checksum of `.pkv` snapshots.
///
/// Chosen over SHA-256 because a snapshot is verified on every load and must
/// restore in milliseconds: XXH64 runs at several GB/s on one core, and it
/// only has to catch accidental damage (truncation, bit rot, torn copies),
/// not tampering.
public enum XXHash64 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }
    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    /// The hash of `count` bytes at `start`.
    public static func hash(_ start: UnsafeRawPointer?, count: Int, seed: UInt64 = 0) -> UInt64 {
        guard let start, count > 0 else { return avalanche(seed &+ p5) }
        var p = start
        let end = start + count
        var h: UInt64
        @inline(__always) func load64(_ q: UnsafeRawPointer) -> UInt64 { UInt64(littleEndian: q.loadUnaligned(as: UInt64.self)) }
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            let limit = end - 32
            while p <= limit {
                v1 = round(v1, load64(p))
                v2 = round(v2, load64(p + 8))
                v3 = round(v3, load64(p + 16))
                v4 = round(v4, load64(p + 24))
                p += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(count)
        while end - p >= 8 {
            h ^= round(0, load64(p))
            h = rotl(h, 27) &* p1 &+ p4
            p += 8
        }
        if end - p >= 4 {
            h ^= UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            p += 4
        }
        while p < end {
            h ^= UInt64(p.load(as: UInt8.self)) &* p5
            h = rotl(h, 11) &* p1
            p += 1
        }
        return avalanche(h)
    }

    /// The hash of a byte buffer.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        hash(bytes.baseAddress, count: bytes.count, seed: seed)
    }

    /// The hash of a byte array.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    @inline(__always) private static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
