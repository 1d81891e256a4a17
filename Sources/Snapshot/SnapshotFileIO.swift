#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GGUF

/// An open snapshot file for reading, with positioned reads that never read
/// past what the file holds.
final class SnapshotInput: @unchecked Sendable {  // immutable; pread is thread-safe
    let path: String
    let fd: Int32
    let size: Int

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError.io(path: path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SnapshotError.io(path: path, reason: "cannot stat: \(reason)")
        }
        size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads `count` bytes at `offset` into `buffer`; throws `truncated` when the file ends first.
    func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int, what: String) throws {
        guard offset >= 0, count >= 0, offset + count <= size else {
            throw SnapshotError.truncated(path: path, detail: "\(what) needs bytes \(offset)..<\(offset + count), the file has \(size)")
        }
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw SnapshotError.io(path: path, reason: "read failed: \(String(cString: strerror(errno)))") }
            if n == 0 { throw SnapshotError.truncated(path: path, detail: "\(what) ends early at byte \(offset + done)") }
            done += n
        }
    }

    /// `count` bytes at `offset`.
    func bytes(count: Int, at offset: Int, what: String) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + count <= size else {
            throw SnapshotError.truncated(path: path, detail: "\(what) needs bytes \(offset)..<\(offset + count), the file has \(size)")
        }
        // Uninitialized: snapshots are tens of megabytes and every byte is read over.
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let p = buffer.baseAddress { try read(into: p, count: count, at: offset, what: what) }
            initialized = count
        }
    }
}

/// A snapshot being written: a temporary sibling that becomes `path` only by
/// `commit` (fsync, rename, directory fsync), so readers and crashes see
/// either the old file or the complete new one, never a partial file.
final class SnapshotOutput {
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private(set) var written = 0

    init(path: String) throws {
        self.path = path
        temporaryPath = TemporaryName.sibling(of: path)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SnapshotError.io(path: path, reason: "cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the temporary file unless `commit` succeeded.
    deinit {
        if fd >= 0 {
            close(fd)
            unlink(temporaryPath)
        }
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, base + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SnapshotError.io(path: temporaryPath, reason: "write failed: \(String(cString: strerror(errno)))") }
            done += n
        }
        written += buffer.count
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Flushes the data to disk and renames the file into place.
    func commit() throws {
        guard fsync(fd) == 0 else { throw SnapshotError.io(path: temporaryPath, reason: "fsync failed: \(String(cString: strerror(errno)))") }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            unlink(temporaryPath)
            throw SnapshotError.io(path: temporaryPath, reason: "close failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw SnapshotError.io(path: path, reason: "rename from \(temporaryPath) failed: \(reason)")
        }
        let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }
}
