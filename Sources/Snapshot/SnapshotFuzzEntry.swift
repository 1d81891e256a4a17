import Foundation

/// The `.pkv` reader as the fuzz target `snapshot` (fuzz/, scripts/fuzz.sh)
/// drives it with arbitrary bytes, and as the regression tests replay the
/// inputs it saved. Each call returns or throws `SnapshotError`; a trap is a bug.
///
/// Every byte of a snapshot is covered by a checksum, so nearly every
/// mutation stops at the first one. Each input is therefore read twice: as
/// it is, and "resealed", with the header, section and index checksums
/// recomputed over the mutated bytes, so the fields behind them are reached.
enum SnapshotFuzzEntry {
    /// Writes `bytes` to `scratch` (the reader takes a path) and reads it as
    /// `Snapshot.header` and `Snapshot.verify` do, then the same for its resealed form.
    static func read(_ bytes: [UInt8], scratch: String) throws {
        var firstError: (any Error)?
        for input in Set([bytes, resealed(bytes)]) {
            do {
                try Data(input).write(to: URL(fileURLWithPath: scratch))
                _ = try Snapshot.header(path: scratch)
                _ = try Snapshot.verify(path: scratch)
            } catch let error as SnapshotError {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    /// `bytes` with every checksum whose extent can be found recomputed: the
    /// header's, each section's that lies before the index, and the index's.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        guard b.count >= SnapshotHeader.prefixSize, Array(b[0..<8]) == SnapshotHeader.magic else { return b }
        let headerSize = Int(u32(b, at: 12))
        if headerSize >= SnapshotHeader.prefixSize + 8, headerSize <= b.count {
            put(hash(b, 0, headerSize - 8), into: &b, at: headerSize - 8)
        }
        let t = b.count - SnapshotIndex.trailerSize
        guard t >= 0, Array(b[(t + 24)...]) == SnapshotIndex.trailerMagic else { return b }
        let footer = u64(b, at: t), count = UInt64(u32(b, at: t + 8))
        guard footer <= UInt64(t), count <= (UInt64(t) - footer) / UInt64(SnapshotIndex.entrySize) else { return b }
        for i in 0..<Int(count) {
            let entry = Int(footer) + i * SnapshotIndex.entrySize
            let offset = u64(b, at: entry), stored = u64(b, at: entry + 8)
            guard offset <= footer, stored <= footer - offset else { continue }
            put(hash(b, Int(offset), Int(offset + stored)), into: &b, at: entry + 24)
        }
        let entriesEnd = Int(footer) + Int(count) * SnapshotIndex.entrySize
        put(XXHash64.hash(Array(b[Int(footer)..<entriesEnd]) + Array(b[t..<(t + 16)])), into: &b, at: t + 16)
        return b
    }

    private static func hash(_ b: [UInt8], _ start: Int, _ end: Int) -> UInt64 {
        b.withUnsafeBytes { XXHash64.hash($0.baseAddress.map { $0 + start }, count: end - start) }
    }

    private static func u32(_ b: [UInt8], at i: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[i + $1]) << (8 * $1) }
    }

    private static func u64(_ b: [UInt8], at i: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[i + $1]) << (8 * $1) }
    }

    private static func put(_ v: UInt64, into b: inout [UInt8], at i: Int) {
        for k in 0..<8 { b[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
    }
}
