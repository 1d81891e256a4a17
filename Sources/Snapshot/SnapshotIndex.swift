/// Where a section lies in a `.pkv` file and how to check it.
public struct SnapshotSection: Sendable, Equatable {
    /// Byte offset of the section's zstd frame.
    public var offset: Int
    /// Bytes of the zstd frame.
    public var storedSize: Int
    /// Bytes the frame expands to.
    public var rawSize: Int
    /// XXH64 of the stored frame.
    public var checksum: UInt64
}

/// The index footer: one entry per section (tokens, then each layer), then
/// a 32-byte trailer that ends the file.
enum SnapshotIndex {
    static let trailerMagic: [UInt8] = Array("PKVINDEX".utf8)
    static let entrySize = 32
    static let trailerSize = 32

    /// Name of section `i` for messages.
    static func name(_ i: Int) -> String { i == 0 ? "token ids" : "layer \(i - 1)" }

    /// Footer entries and trailer for `sections` starting at `footerOffset`.
    static func encode(_ sections: [SnapshotSection], footerOffset: Int) -> [UInt8] {
        var w = ByteWriter()
        for s in sections {
            w.u64(UInt64(s.offset)); w.u64(UInt64(s.storedSize)); w.u64(UInt64(s.rawSize)); w.u64(s.checksum)
        }
        w.u64(UInt64(footerOffset))
        w.u32(UInt32(sections.count))
        w.u32(UInt32(SnapshotHeader.currentVersion))
        w.u64(XXHash64.hash(w.data))
        w.bytes(trailerMagic)
        return w.data
    }

    /// Reads and checks the index of a file whose header is `header`
    /// (`headerSize` bytes): every section lies between the header and the
    /// footer, in order, without overlap, with the raw size the header implies.
    static func read(_ input: SnapshotInput, header: SnapshotHeader, headerSize: Int) throws -> [SnapshotSection] {
        let path = input.path
        let sectionCount = header.layerCount + 1
        let minimum = headerSize + sectionCount * entrySize + trailerSize
        guard input.size >= minimum else {
            throw SnapshotError.truncated(path: path, detail: "the file has \(input.size) bytes, fewer than the \(minimum) its header and index need")
        }
        let trailer = try input.bytes(count: trailerSize, at: input.size - trailerSize, what: "the trailer")
        guard Array(trailer[24..<32]) == trailerMagic else {
            throw SnapshotError.truncated(path: path, detail: "no index at its end (an interrupted write or a cut-off copy)")
        }
        var t = ByteReader(trailer, path: path)
        let footerOffset = Int(clamping: try t.u64())
        let count = Int(try t.u32())
        _ = try t.u32()
        let stored = try t.u64()
        guard count == sectionCount, footerOffset >= headerSize,
              footerOffset <= input.size - trailerSize - count * entrySize else {
            throw SnapshotError.corruptHeader(path: path, detail: "index at byte \(footerOffset) with \(count) sections does not fit the file")
        }
        guard footerOffset + count * entrySize + trailerSize == input.size else {
            throw SnapshotError.corruptHeader(path: path, detail: "index at byte \(footerOffset) does not end at the end of the file")
        }
        let entries = try input.bytes(count: count * entrySize, at: footerOffset, what: "the index")
        guard XXHash64.hash(entries + Array(trailer[0..<16])) == stored else {
            throw SnapshotError.corruptHeader(path: path, detail: "index checksum mismatch")
        }
        var r = ByteReader(entries, path: path)
        var sections: [SnapshotSection] = []
        var next = headerSize
        for i in 0..<count {
            let s = SnapshotSection(offset: Int(clamping: try r.u64()), storedSize: Int(clamping: try r.u64()),
                                    rawSize: Int(clamping: try r.u64()), checksum: try r.u64())
            let raw = i == 0 ? 4 * header.tokenCount : SectionLayout(header: header, layer: i - 1).rawSize
            guard s.offset == next, s.storedSize <= footerOffset - s.offset, s.rawSize == raw else {
                throw SnapshotError.corruptHeader(path: path, detail: "index entry for section \(i) (\(name(i))) is inconsistent")
            }
            next = s.offset + s.storedSize
            sections.append(s)
        }
        guard next == footerOffset else {
            throw SnapshotError.corruptHeader(path: path, detail: "sections end at byte \(next), the index starts at \(footerOffset)")
        }
        return sections
    }
}
