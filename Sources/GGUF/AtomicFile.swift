#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file atomically: readers see either the old file or the
/// complete new one, even across a crash.
public enum AtomicFile {
    /// Writes `bytes` to a temporary sibling of `path`, fsyncs it, renames
    /// it over `path` and fsyncs the directory.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let tmp = TemporaryName.sibling(of: path)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw failure(path, "cannot create \(tmp)") }
        do {
            try writeAll(fd, bytes, path: tmp)
            guard fsync(fd) == 0 else { throw failure(tmp, "fsync failed") }
            guard close(fd) == 0 else { throw failure(tmp, "close failed") }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let e = failure(path, "rename from \(tmp) failed")
            unlink(tmp)
            throw e
        }
        syncDirectory(of: path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure(path, "write failed") }
                done += n
            }
        }
    }

    private static func syncDirectory(of path: String) {
        let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let fd = open(dir.isEmpty ? "/" : dir, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func failure(_ path: String, _ what: String) -> AtomicFileError {
        AtomicFileError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// A file that could not be replaced: the path and what failed.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
