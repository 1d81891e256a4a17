import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a program to completion and collects what it wrote: the one way
/// Precis starts other programs (pdftotext, pip, systemctl and crontab, the
/// llama.cpp comparison script), built on swift-subprocess.
///
/// Callers are synchronous, so `run` blocks until the program has exited
/// and been reaped. A time limit, which swift-subprocess leaves to its
/// caller, is kept here: past it the program gets SIGTERM, then SIGKILL two
/// seconds later, and `run` throws `Failure.timedOut` once it is gone.
///
/// Call it from a thread of your own (the main thread, a dispatch queue, a
/// `Thread`). swift-subprocess finishes every run with a task on Swift's
/// shared pool, which has one thread per core: callers that block pool
/// threads themselves (synchronous code inside a Swift task) can take all
/// of them and wait forever. Tests that reach `run` carry the
/// `.ownThread` trait for that reason.
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
    ///   - outputLimit: bytes collected per stream before the run fails.
    public static func run(_ program: String, _ arguments: [String], input: [UInt8]? = nil,
                           environment: [String: String] = [:], searchPath: String? = nil,
                           timeLimit: Double? = nil, mergeErrors: Bool = false,
                           outputLimit: Int = 1 << 30) throws -> Output {
        guard let executable = locate(program, searchPath: searchPath ?? defaultSearchPath) else {
            throw Failure.notFound(program: program)
        }
        let request = Request(program: program, executable: executable, arguments: arguments, input: input,
                              environment: environment, mergeErrors: mergeErrors, outputLimit: outputLimit)
        return try waitFor {
            guard let timeLimit else { return try await request.collect() }
            return try await request.collect(within: timeLimit)
        }
    }

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

/// One run's settings, carried into the asynchronous side.
private struct Request: Sendable {
    var program: String
    var executable: String
    var arguments: [String]
    var input: [UInt8]?
    var environment: [String: String]
    var mergeErrors: Bool
    var outputLimit: Int

    /// Races the run against the clock; the loser is cancelled, and a
    /// cancelled run is torn down (SIGTERM, then SIGKILL) before this returns.
    func collect(within seconds: Double) async throws -> ChildProcess.Output {
        try await withThrowingTaskGroup(of: ChildProcess.Output?.self) { group in
            group.addTask { try await collect() }
            group.addTask {
                await ChildProcess.sleep(seconds: seconds)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else { throw ChildProcess.Failure.timedOut(program: program, seconds: seconds) }
            return first
        }
    }

    func collect() async throws -> ChildProcess.Output {
        var platform = PlatformOptions()
        platform.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let overrides = Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
            Environment.Key(rawValue: key).map { ($0, Optional(value)) }
        })
        let configuration = Configuration(executable: .path(FilePath(executable)), arguments: Arguments(arguments),
                                          environment: .inherit.updating(overrides), platformOptions: platform)
        do {
            if let input { return try await collect(configuration, input: .array(input)) }
            return try await collect(configuration, input: .none)
        } catch let failure as ChildProcess.Failure {
            throw failure
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ChildProcess.Failure.couldNotRun(program: program, reason: "\(error)")
        }
    }

    private func collect(_ configuration: Configuration, input: some InputProtocol) async throws -> ChildProcess.Output {
        if mergeErrors {
            let r = try await Subprocess.run(configuration, input: input, output: .bytes(limit: outputLimit),
                                             error: .combinedWithOutput)
            return ChildProcess.Output(status: Self.status(r.terminationStatus), stdout: r.standardOutput, stderr: [])
        }
        let r = try await Subprocess.run(configuration, input: input, output: .bytes(limit: outputLimit),
                                         error: .bytes(limit: outputLimit))
        return ChildProcess.Output(status: Self.status(r.terminationStatus), stdout: r.standardOutput,
                                   stderr: r.standardError)
    }

    private static func status(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
    }
}
