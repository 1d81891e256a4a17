import Foundation

/// Runs an external tool with a time limit, collecting its output.
enum Subprocess {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `tool` (found on PATH) with `arguments`. Throws `toolMissing`
    /// when it is not installed and `timeout` when it runs past `seconds`.
    static func run(_ tool: String, _ arguments: [String], seconds: Double, file: String) throws -> Result {
        guard let executable = locate(tool) else { throw IngestError.toolMissing(file: file, tool: tool) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw IngestError.toolFailed(file: file, tool: tool, reason: error.localizedDescription)
        }
        let collected = Collector()
        let group = DispatchGroup()
        for (handle, isOut) in [(out.fileHandleForReading, true), (err.fileHandleForReading, false)] {
            DispatchQueue.global().async(group: group) {
                let data = handle.readDataToEndOfFile()
                collected.set(data, stdout: isOut)
            }
        }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL); done.wait() }
            group.wait()
            throw IngestError.timeout(file: file, tool: tool, seconds: seconds)
        }
        group.wait()
        return Result(status: process.terminationStatus, stdout: collected.stdout,
                      stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    static func locate(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}

/// Thread-safe holder for the two output streams.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var stdout = Data()
    private(set) var stderr = Data()

    func set(_ data: Data, stdout isOut: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isOut { stdout = data } else { stderr = data }
    }
}
