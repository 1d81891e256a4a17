/// Bounds-checked little-endian cursor over the mapped header bytes.
///
/// Every read checks the remaining length first, so a truncated or mutated
/// file raises `GGUFError.truncated` instead of reading past the mapping.
struct ByteReader {
    let base: UnsafeRawPointer
    let count: Int
    let path: String
    private(set) var offset = 0

    init(base: UnsafeRawPointer, count: Int, path: String) {
        self.base = base
        self.count = count
        self.path = path
    }

    mutating func need(_ n: Int, _ what: String) throws {
        if n < 0 || count - offset < n {
            throw GGUFError.truncated(path: path, offset: offset, needed: n - (count - offset), what: what)
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: String) throws -> T {
        try need(MemoryLayout<T>.size, what)
        let v = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: v)
    }

    mutating func readFloat(_ what: String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, what))
    }

    mutating func readDouble(_ what: String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, what))
    }

    /// Reads a length (u64 in v2+, u32 in v1) and rejects values that could
    /// not possibly fit in the rest of the file: as `truncated` when the
    /// items would take a plausible amount of space (up to 1 TiB, so a cut
    /// file is reported as such), as `tooLarge` beyond that.
    mutating func readCount(_ what: String, minElementSize: Int) throws -> Int {
        let start = offset
        let n = try read(UInt64.self, what)
        let remaining = UInt64(count - offset)
        if n > remaining / UInt64(max(minElementSize, 1)) + (minElementSize == 0 ? UInt64(1 << 24) : 0) {
            let (bytes, overflow) = n.multipliedReportingOverflow(by: UInt64(max(minElementSize, 1)))
            guard !overflow, bytes <= UInt64(1) << 40 else {
                throw GGUFError.tooLarge(path: path, offset: start, what: what, value: n)
            }
            throw GGUFError.truncated(path: path, offset: offset, needed: Int(bytes - remaining),
                                      what: "the \(n) items announced by \(what)")
        }
        return Int(n)
    }

    mutating func readString(_ what: String) throws -> String {
        let n = try readCount("length of \(what)", minElementSize: 1)
        try need(n, what)
        let buffer = UnsafeRawBufferPointer(start: base + offset, count: n)
        offset += n
        // Decoding repairs the rare invalid token bytes some vocabularies contain.
        return String(decoding: buffer, as: UTF8.self)
    }
}
