import Foundation

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

/// Runs commands as child processes, finding programs on `PATH`.
public struct ProcessRunner: CommandRunner {
    public var path: String

    public init(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") {
        self.path = path
    }

    public func run(_ arguments: [String], input: String?) throws -> CommandResult {
        guard let program = arguments.first, let executable = locate(program) else {
            throw CommandNotFound(program: arguments.first ?? "")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = Array(arguments.dropFirst())
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        // Read stderr on another thread so neither pipe can fill up and block the child.
        let errors = ErrorsBox()
        let reader = Thread { errors.data = stderr.fileHandleForReading.readDataToEndOfFile(); errors.done.signal() }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errors.done.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                             stderr: String(decoding: errors.data, as: UTF8.self))
    }

    private final class ErrorsBox: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// `program` itself when it contains `/`, else its first executable match on `path`.
    func locate(_ program: String) -> URL? {
        if program.contains("/") {
            return FileManager.default.isExecutableFile(atPath: program) ? URL(fileURLWithPath: program) : nil
        }
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
