import Foundation
import ZIPFoundation

/// Reads one entry's bytes from the archive image itself, inflating from
/// exactly the bytes the entry owns.
///
/// ZIPFoundation's own reader on Linux feeds inflate from the open file
/// until the deflate stream ends; a stream cut short (a truncated or crafted
/// archive) then reads zero bytes at the end of the file forever, and the
/// ingest hangs. Here the input stops at the entry's compressed size and a
/// stream that wants more fails as a corrupt archive.
enum ZipEntryData {
    /// Bytes of the image handed to inflate at a time.
    static let chunkSize = 64 * 1024

    /// Where `entry`'s stored bytes start in the image: the local header's
    /// offset, as ZIPFoundation read it from the central directory, plus the
    /// header. ZIPFoundation keeps both internal, so they are read by
    /// reflection; nil when that fails (a changed ZIPFoundation, a ZIP64
    /// offset), and the caller falls back to ZIPFoundation's reader.
    static func start(of entry: Entry) -> Int? {
        let mirror = Mirror(reflecting: entry)
        guard let directory = mirror.descendant("centralDirectoryStructure"),
              let header = mirror.descendant("localFileHeader"),
              let offset = Mirror(reflecting: directory).descendant("relativeOffsetOfLocalHeader") as? UInt32,
              offset != .max,
              let nameLength = Mirror(reflecting: header).descendant("fileNameLength") as? UInt16,
              let extraLength = Mirror(reflecting: header).descendant("extraFieldLength") as? UInt16 else { return nil }
        return Int(offset) + 30 + Int(nameLength) + Int(extraLength)
    }

    /// Passes `entry`'s uncompressed bytes to `consumer` chunk by chunk and
    /// returns their CRC-32; throws `corruptArchive` when the entry's bytes
    /// run past the image or its deflate stream past its compressed size.
    static func read(_ entry: Entry, at start: Int, in image: Data, file: String,
                     consumer: (Data) throws -> Void) throws -> CRC32 {
        let size = Int(clamping: entry.isCompressed ? entry.compressedSize : entry.uncompressedSize)
        guard start >= 0, start <= image.count, size <= image.count - start else {
            throw IngestError.corruptArchive(file: file, reason: "'\(entry.path)' runs past the end of the archive")
        }
        let base = image.startIndex + start
        guard entry.isCompressed else {
            let bytes = image.subdata(in: base..<(base + size))
            try consumer(bytes)
            return bytes.crc32(checksum: 0)
        }
        return try Data.decompress(size: Int64(size), bufferSize: chunkSize, skipCRC32: false, provider: { position, count in
            guard position < Int64(size) else {
                throw IngestError.corruptArchive(file: file, reason: "deflate stream of '\(entry.path)' ends past its \(size) bytes")
            }
            let from = base + Int(position)
            return image.subdata(in: from..<(from + min(count, size - Int(position))))
        }, consumer: consumer)
    }
}
