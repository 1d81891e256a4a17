import Foundation

/// Runs a program to completion and collects what it wrote: the one way
/// Precis starts other programs (pdftotext, pip, systemctl and crontab, the
/// llama.cpp comparison script).
///
/// Callers are synchronous, so `run` blocks until the program has exited
/// and been reaped; its output is read on threads of its own, so a full pipe
/// never blocks the program, and nothing of Swift's shared task pool is
/// needed (swift-subprocess finishes each run with a task on that pool,
/// which a 2-core machine's callers can starve: runs then waited forever or
/// ran past their limits). A time limit is kept here: past it the program
/// gets SIGTERM, then SIGKILL two seconds later, and `run` throws
/// `Failure.timedOut` once it is gone.
public enum ChildProcess {
    /// What a program that ran to its end returned.
    public struct Output: Sendable, Equatable {
        /// Exit status; 128 + n for a program ended by signal n, as a shell reports it.
        public var status: Int32
        public var stdout: [UInt8]
        /// Empty when standard error was merged into `stdout`.
        public var stderr: [UInt8]

        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Why a program did not run to its end.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// No executable of that name on the search path (or at that path).
        case notFound(program: String)
        /// Still running after the time limit; it was ended.
        case timedOut(program: String, seconds: Double)
        /// It could not be started, or its output could not be collected.
        case couldNotRun(program: String, reason: String)

        public var description: String {
            switch self {
            case .notFound(let p): "\(p) is not installed (not found on PATH)"
            case .timedOut(let p, let s): "\(p) ran past its time limit of \(s) s"
            case .couldNotRun(let p, let r): "\(p) could not be run: \(r)"
            }
        }
    }

    /// Runs `program` (a path, or a name looked up on `searchPath`) with `arguments`.
    ///
    /// - Parameters:
    ///   - input: bytes written to its standard input, which is then closed;
    ///     nil gives it `/dev/null`.
    ///   - environment: variables set (or replaced) on top of this process's environment.
    ///   - searchPath: directories to look `program` up in (default: `$PATH`).
    ///   - timeLimit: seconds it may run; nil for no limit.
    ///   - mergeErrors: standard error goes into `stdout`, interleaved as written.
    ///   - outputLimit: bytes collected per stream; a program that writes more
    ///     is killed at once and the run fails (it is never read to its end).
    ///   - started: told the program's process id once it runs (to signal it).
    public static func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil,
                           environment: [String: String] = [:], searchPath: String? = nil,
                           timeLimit: Double? = nil, mergeErrors: Bool = false,
                           outputLimit: Int = 1 << 30, started: ((Int32) -> Void)? = nil) throws -> Output {
        guard let executable = locate(program, searchPath: searchPath ?? defaultSearchPath) else {
            throw Failure.notFound(program: program)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = mergeErrors ? stdout : Pipe()
        process.standardInput = input == nil ? FileHandle(forReadingAtPath: "/dev/null") : stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw Failure.couldNotRun(program: program, reason: error.localizedDescription)
        }
        let pid = process.processIdentifier
        started?(pid)
        let out = Collector(stdout.fileHandleForReading, limit: outputLimit) { kill(pid, SIGKILL) }
        let err = mergeErrors ? nil : Collector(stderr.fileHandleForReading, limit: outputLimit) { kill(pid, SIGKILL) }
        // Armed before the input is written: a program that never reads its input must not block the write forever.
        let timer = timeLimit.map { Deadline(process, seconds: $0) }
        if let input {
            _ = ignoreBrokenPipes  // a program that exits without reading all its input must not end this one
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let exit = Self.exitStatus(of: pid) ?? Self.reapedStatus(process)
        timer?.cancel()
        let (outBytes, errBytes) = (out.wait(), err?.wait() ?? [])
        if let timer, timer.fired { throw Failure.timedOut(program: program, seconds: timer.seconds) }
        guard !out.overflowed, err?.overflowed != true else {
            throw Failure.couldNotRun(program: program, reason: "it wrote more than \(outputLimit) bytes")
        }
        return Output(status: exit, stdout: outBytes, stderr: errBytes)
    }

    /// The status of a program Foundation has reaped already (then its own wait returns at once).
    private static func reapedStatus(_ process: Process) -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Blocks until process `pid` has exited and returns its status (128 + n
    /// when signal n ended it) without reaping it, which Foundation's `Process`
    /// does; nil when it has been reaped already. Not `waitUntilExit`: it depends on a run loop and a SIGCHLD
    /// source that, with every thread of a 2-core machine busy, were seen to
    /// miss the exit of a program and wait forever.
    static func exitStatus(of pid: Int32) -> Int32? {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 {
            guard errno == EINTR else { return nil }
        }
        let status = info._sifields._sigchld.si_status
        return info.si_code == Int32(CLD_EXITED) ? status : 128 + status
    }

    /// SIGPIPE ignored once for the process, so writing to a program that has
    /// gone fails as a write (EPIPE) instead of killing the writer.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// `$PATH`, or the usual system directories when it is unset.
    public static var defaultSearchPath: String {
        ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    }

    /// `program` itself when it contains `/`, else its first executable match on `searchPath`.
    public static func locate(_ program: String, searchPath: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        for dir in searchPath.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Reads a pipe to its end, or until it holds more than `limit` bytes
/// (then calls `overflow` and stops), on a thread of its own.
private final class Collector: @unchecked Sendable {  // written before `done` signals, read after
    private var bytes: [UInt8] = []
    private(set) var overflowed = false
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle, limit: Int, overflow: @escaping @Sendable () -> Void) {
        Thread.detachNewThread { [self] in
            while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                guard bytes.count + chunk.count <= limit else {
                    overflowed = true
                    overflow()
                    break
                }
                bytes += chunk
            }
            done.signal()
        }
    }

    /// The bytes read, once reading has stopped.
    func wait() -> [UInt8] {
        done.wait()
        return bytes
    }
}

/// Ends a process that runs past its time: SIGTERM, then SIGKILL two seconds later.
private final class Deadline: @unchecked Sendable {  // guarded by lock
    let seconds: Double
    private let lock = NSLock()
    private var cancelled = false
    private(set) var fired = false
    private static let queue = DispatchQueue(label: "precis.child-process.deadline")

    init(_ process: Process, seconds: Double) {
        self.seconds = seconds
        let pid = process.processIdentifier
        Self.queue.asyncAfter(deadline: .now() + max(seconds, 0)) { [self] in
            guard lock.withLock({ cancelled ? false : { fired = true; return true }() }) else { return }
            kill(pid, SIGTERM)
            Self.queue.asyncAfter(deadline: .now() + 2) { [self] in
                if lock.withLock({ !cancelled }) { kill(pid, SIGKILL) }
            }
        }
    }

    func cancel() { lock.withLock { cancelled = true } }
}
