import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock that keeps two runs of one pipeline from overlapping:
/// `flock` on `<state>/locks/<name>.lock`, released by the kernel when the
/// process exits, however it exits.
public final class RunLock {
    /// Why the lock could not be taken.
    public struct Busy: Error, CustomStringConvertible {
        public let name: String
        public let holder: String
        public var description: String {
            "another run of pipeline '\(name)' is in progress (\(holder)); wait for it or pass --wait"
        }
    }

    private let fd: Int32

    /// Takes the lock for `name`, waiting for it when `wait` is true and
    /// throwing `Busy` otherwise.
    public init(name: String, stateDirectory: URL, wait: Bool) throws {
        let directory = stateDirectory.appendingPathComponent("locks", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("\(name).lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Busy(name: name, holder: holder.map { $0.isEmpty ? "unknown process" : $0 } ?? "unknown process")
        }
        ftruncate(fd, 0)
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Set when SIGINT or SIGTERM arrives, so a run can finish its current step
/// and record itself as interrupted. A second signal exits at once.
public final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    /// Whether a signal has arrived.
    public var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Starts catching SIGINT and SIGTERM; `onSignal` is told the first one.
    public func install(onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let second = raised
                raised = true
                lock.unlock()
                if second { exit(128 + sig) }
                onSignal(sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
