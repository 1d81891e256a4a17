import Foundation

/// Patterns shipped with Precis as a SwiftPM resource (`Duo/Patterns` of the
/// `Inference` target).
///
/// Each shipped pattern is a `<name>.tsv` with its `<name>.json` sidecar;
/// the sidecar's `model` field (a `GGUFFile.headerFingerprint`) says which model
/// it belongs to. By convention `<name>` is the model file's name without
/// `.gguf`, e.g. `SmolLM2-135M-Instruct.Q4_1.tsv`.
extension HeadPattern {
    /// Name of the resource folder inside the resource bundle.
    static let resourceFolder = "Patterns"
    /// SwiftPM names a target's resource bundle `<package>_<target>`.
    static let resourceBundleName = "Precis_Inference"

    /// The shipped patterns folder, or nil when the resource bundle cannot be
    /// found (e.g. the binary was copied without it).
    ///
    /// Looked up where SwiftPM puts resource bundles: next to the executable
    /// (or the test bundle), following symlinks to the executable. This does
    /// what the generated `Bundle.module` does, without its `fatalError` when
    /// the bundle is missing.
    public static var bundledDirectory: URL? {
        var roots: [URL] = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL {
            roots.append(exe.deletingLastPathComponent())
            roots.append(exe.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for root in roots {
            for bundle in ["\(resourceBundleName).resources", "\(resourceBundleName).bundle/Contents/Resources",
                           "\(resourceBundleName).bundle"] {
                let dir = root.appendingPathComponent(bundle).appendingPathComponent(resourceFolder)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue {
                    return dir
                }
            }
        }
        return nil
    }

    /// Paths of every shipped pattern TSV, sorted.
    public static func bundledFiles(in directory: URL? = bundledDirectory) -> [String] {
        guard let directory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// The shipped pattern identified on the model with this fingerprint,
    /// or nil when none ships (callers then say
    /// `HeadPatternError.notShipped`). A shipped pattern that does not parse
    /// is an error, not a miss.
    public static func bundled(forModelFingerprint fingerprint: String,
                               in directory: URL? = bundledDirectory) throws -> HeadPattern? {
        for path in bundledFiles(in: directory) {
            let sidecar = sidecarPath(forTSV: path)
            guard let data = FileManager.default.contents(atPath: sidecar) else { continue }
            let info = try parseSidecar(data, path: sidecar)
            if info.model == fingerprint { return try load(path: path) }
        }
        return nil
    }
}
