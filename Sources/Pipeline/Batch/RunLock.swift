import Foundation
import GGUF
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock that keeps two runs writing into one output directory
/// from overlapping — two runs of one pipeline, or two ad-hoc `summarize`
/// runs with the same `--out` — while runs into different directories go
/// on side by side: `flock` on `<state>/locks/<dir>-<hash of its path>.lock`,
/// released by the kernel when the process exits, however it exits.
public final class RunLock {
    /// Why the lock could not be taken.
    public struct Busy: Error, CustomStringConvertible {
        public let output: String
        public let holder: String
        public var description: String {
            "another run writing into \(output) is in progress (\(holder)); wait for it or pass --wait"
        }
    }

    private let fd: Int32

    /// Takes the lock for the output directory `output` on behalf of
    /// `pipeline`, waiting for it when `wait` is true and throwing `Busy`
    /// otherwise. Spellings of one directory (`out`, `./out/`, a link to it)
    /// share one lock.
    public init(pipeline: String, output: URL, stateDirectory: URL, wait: Bool) throws {
        let directory = stateDirectory.appendingPathComponent("locks", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let canonical = output.standardizedFileURL.resolvingSymlinksInPath().path
        let path = directory.appendingPathComponent(Self.fileName(for: canonical)).path
        // A local until the lock is held: a throwing init of a fully initialized
        // class runs deinit, which would close the descriptor a second time.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.io(path: path, problem: "cannot open the run lock: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw Busy(output: canonical, holder: holder.map { $0.isEmpty ? "unknown process" : $0 } ?? "unknown process")
        }
        self.fd = fd
        ftruncate(fd, 0)
        let note = "pipeline '\(pipeline)', pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = note.withCString { write(fd, $0, strlen($0)) }
    }

    /// The lock file of a canonical output path: its last component, for
    /// people listing the directory, and a hash of the whole path.
    static func fileName(for canonicalOutput: String) -> String {
        let base = (canonicalOutput as NSString).lastPathComponent
        let readable = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(40))
        return "\(readable.isEmpty ? "root" : readable)-\(SHA256Hasher.hex(of: Array(canonicalOutput.utf8)).prefix(16)).lock"
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
