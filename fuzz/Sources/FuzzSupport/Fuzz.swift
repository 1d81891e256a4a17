import Foundation

/// What every fuzz target shares: its input as bytes, a scratch file for
/// readers that take a path, and where the repository's fixtures are.
public enum Fuzz {
    /// libFuzzer's input (a null pointer comes with size 0).
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A path of this process's own under `$TMPDIR`, rewritten by each input.
    public static let scratch: String = {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        return "\(dir)/precis-fuzz-\(getpid())"
    }()

    /// The repository: `$PRECIS_FUZZ_ROOT`, else two folders above fuzz/Sources.
    public static var repository: URL {
        if let root = ProcessInfo.processInfo.environment["PRECIS_FUZZ_ROOT"] { return URL(fileURLWithPath: root) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `Tests/` of the repository, where the fixtures the seeds come from live.
    public static var tests: URL { repository.appendingPathComponent("Tests") }

    /// The files in `folder` (not recursive) whose extension is in `extensions`, by name.
    public static func files(in folder: URL, extensions: Set<String>) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
            .filter { extensions.contains($0.pathExtension.lowercased()) }
    }

    /// Seeds as (file name, bytes) read from `urls`.
    public static func read(_ urls: [URL]) -> [(String, [UInt8])] {
        urls.compactMap { url in (try? Data(contentsOf: url)).map { (url.lastPathComponent, [UInt8]($0)) } }
    }
}
