import Foundation
import Ingest

/// What a finished command returned.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs the programs the schedule installer drives (`systemctl`, `crontab`).
/// Injected so installs can be tested without systemd or cron.
public protocol CommandRunner: Sendable {
    /// Runs `arguments[0]` with the rest as arguments and `input` on stdin.
    /// Throws `CommandNotFound` when the program is not installed.
    func run(_ arguments: [String], input: String?) throws -> CommandResult
}

/// The program a `CommandRunner` was asked to run is not installed.
public struct CommandNotFound: Error, CustomStringConvertible, Equatable {
    public let program: String
    public init(program: String) { self.program = program }
    public var description: String { "\(program) is not installed (not found on PATH)" }
}

/// Runs commands as child processes (`ChildProcess`), finding programs on `path`.
public struct ProcessRunner: CommandRunner {
    public var path: String

    public init(path: String = ChildProcess.defaultSearchPath) {
        self.path = path
    }

    public func run(_ arguments: [String], input: String?) throws -> CommandResult {
        guard let program = arguments.first else { throw CommandNotFound(program: "") }
        do {
            let result = try ChildProcess.run(program, Array(arguments.dropFirst()), input: Array((input ?? "").utf8),
                                              searchPath: path)
            return CommandResult(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
        } catch ChildProcess.Failure.notFound {
            throw CommandNotFound(program: program)
        }
    }
}
