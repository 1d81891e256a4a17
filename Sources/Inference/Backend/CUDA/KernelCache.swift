import Foundation
import GGUF

/// Compiled kernels kept on disk per GPU architecture, so NVRTC runs once
/// per source, compiler and GPU, not once per process:
/// `DIRECTORY/sm_90/<sha256 of source, options and compiler>.cubin`.
struct KernelCache {
    let directory: URL
    let compiler: NVRTC

    /// The cubin of `source` for `architecture`, compiled on first use.
    func cubin(_ source: String, name: String, architecture: String) throws -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(Array("\(name)\n\(architecture)\nnvrtc \(compiler.versionText) \(NVRTC.options.joined(separator: " "))\n\(source)".utf8))
        let file = directory.appendingPathComponent(architecture).appendingPathComponent("\(name)-\(hasher.finalizeHex().prefix(24)).cubin")
        if let data = try? Data(contentsOf: file), !data.isEmpty { return [UInt8](data) }
        let bytes = try compiler.compile(source, name: name, architecture: architecture)
        // A cache that cannot be written costs only a compile next time.
        if (try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil {
            try? AtomicFile.write(bytes, to: file.path)
        }
        return bytes
    }
}
