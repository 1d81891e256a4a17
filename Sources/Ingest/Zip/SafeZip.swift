import Foundation
import ZIPFoundation

/// Read-only access to a zip archive (EPUB, DOCX) under safety limits.
///
/// Every entry name is checked when the archive is opened: absolute paths,
/// drive letters and `..` components are refused. Entries are inflated in
/// chunks and counted as they arrive, so a declared size is never trusted
/// and a bomb stops at the first chunk past the per-entry, total or ratio
/// limit; memory stays bounded by `IngestOptions.maxEntrySize`.
///
/// When several entries share a name, the last one is read (as unzip does)
/// and `warnings` says which names hide earlier entries.
final class SafeZip {
    let file: String
    private let archive: Archive
    /// The archive's bytes, which entries are inflated from (`ZipEntryData`).
    private let image: Data
    private let options: IngestOptions
    private let entries: [String: Entry]
    /// One line per entry name that occurs more than once, for `Metadata.warnings`.
    let warnings: [String]
    private var totalRead = 0
    static let maxEntries = 20_000

    /// Opens the archive from its file, or from `data` staged in a temporary
    /// file. Archives are always read through a file: ZIPFoundation's
    /// in-memory reader traps on some corrupt archives that the file reader
    /// reports as errors.
    static func open(data: Data, fileURL: URL?, file: String, options: IngestOptions) throws -> SafeZip {
        if let fileURL { return try SafeZip(url: fileURL, image: data, file: file, options: options) }
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("precis-\(UUID().uuidString).zip")
        do { try data.write(to: temp) } catch {
            throw IngestError.unreadable(file: file, reason: "cannot stage archive: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: temp) }
        return try SafeZip(url: temp, image: data, file: file, options: options)
    }

    /// Opens the archive at `url`; `image` is its content when already in
    /// memory (entries are inflated from it), else it is read from `url`.
    init(url: URL, image: Data? = nil, file: String, options: IngestOptions) throws {
        self.file = file
        self.options = options
        do { self.image = try image ?? Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw IngestError.unreadable(file: file, reason: error.localizedDescription)
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw IngestError.corruptArchive(file: file, reason: "no readable central directory (\(error))")
        }
        var map: [String: Entry] = [:]
        var repeats: [String: Int] = [:]
        for entry in archive {
            guard map.count < Self.maxEntries else {
                throw IngestError.zipBomb(file: file, entry: entry.path, reason: "more than \(Self.maxEntries) entries")
            }
            let path = entry.path
            guard Self.isSafe(path) else { throw IngestError.unsafeArchivePath(file: file, entry: path) }
            if map.updateValue(entry, forKey: path) != nil { repeats[path, default: 1] += 1 }
        }
        if map.isEmpty { throw IngestError.corruptArchive(file: file, reason: "archive has no entries") }
        entries = map
        warnings = repeats.keys.sorted().map { name in
            "the archive holds \(repeats[name] ?? 2) entries named '\(name)'; only the last is read, the others are left out"
        }
    }

    /// Entry names, unordered.
    var paths: Dictionary<String, Entry>.Keys { entries.keys }

    func contains(_ path: String) -> Bool { lookup(path) != nil }

    /// The uncompressed bytes of an entry, or `missingPart`.
    func read(_ path: String) throws -> [UInt8] {
        guard let entry = lookup(path) else { throw IngestError.missingPart(file: file, part: path) }
        return try read(entry)
    }

    /// Like `read` but nil when the entry does not exist.
    func readIfPresent(_ path: String) throws -> [UInt8]? {
        guard let entry = lookup(path) else { return nil }
        return try read(entry)
    }

    private func lookup(_ path: String) -> Entry? {
        if let e = entries[path] { return e }
        let lower = path.lowercased()
        return entries.first { $0.key.lowercased() == lower }?.value
    }

    private func read(_ entry: Entry) throws -> [UInt8] {
        guard entry.type == .file else { return [] }
        var out: [UInt8] = []
        let compressed = max(Int(clamping: entry.compressedSize), 1)
        let limits = (entry: options.maxEntrySize, total: options.maxTotalUncompressed - totalRead)
        let consume = { (chunk: Data) throws in
            out.append(contentsOf: chunk)
            try self.check(entry: entry.path, size: out.count, compressed: compressed, limits: limits)
        }
        do {
            let crc = try ZipEntryData.start(of: entry).map {
                try ZipEntryData.read(entry, at: $0, in: image, file: file, consumer: consume)
            } ?? archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false, consumer: consume)
            if crc != entry.checksum {
                throw IngestError.corruptArchive(file: file, reason: "checksum mismatch in '\(entry.path)'")
            }
        } catch let e as IngestError {
            throw e
        } catch {
            throw IngestError.corruptArchive(file: file, reason: "cannot inflate '\(entry.path)' (\(error))")
        }
        totalRead += out.count
        return out
    }

    private func check(entry: String, size: Int, compressed: Int, limits: (entry: Int, total: Int)) throws {
        if size > limits.entry {
            throw IngestError.zipBomb(file: file, entry: entry, reason: "inflates past the \(options.maxEntrySize)-byte entry limit")
        }
        if size > limits.total {
            throw IngestError.zipBomb(file: file, entry: entry,
                                      reason: "archive inflates past the \(options.maxTotalUncompressed)-byte total limit")
        }
        if size > options.ratioCheckFloor, size / compressed > options.maxCompressionRatio {
            throw IngestError.zipBomb(file: file, entry: entry,
                                      reason: "compression ratio above \(options.maxCompressionRatio):1")
        }
    }

    /// False for absolute paths, drive letters, backslash roots and any `..`
    /// component.
    static func isSafe(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("\\") { return false }
        let chars = Array(path)
        if chars.count >= 2, chars[1] == ":", chars[0].isLetter { return false }
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !parts.contains("..") && !path.contains("\0")
    }
}
