import Foundation
import GGUF

/// Size and SHA-256 of files, streamed so large models need no extra memory.
public enum FileDigest {
    /// Hex SHA-256 of the file's content.
    public static func sha256(of url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw FetchError.io("cannot read \(url.path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256Hasher()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finalizeHex()
    }

    /// Size in bytes of the regular file at `url`; nil when there is none.
    public static func size(of url: URL) -> Int64? {
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & 0o170000 == 0o100000 else { return nil }
        return Int64(info.st_size)
    }
}
