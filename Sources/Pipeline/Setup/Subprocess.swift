import Foundation

/// Runs helper programs (pip, pdftotext) and collects their output.
public enum Subprocess {
    /// Runs `arguments[0]` found on PATH with the rest as its arguments; returns
    /// exit status and combined stdout+stderr. Kills it after `timeout` seconds.
    public static func run(_ arguments: [String], timeout: TimeInterval = 600) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let timer = DispatchSource.makeTimerSource()
        timer.schedule(deadline: .now() + timeout)
        timer.setEventHandler { if process.isRunning { process.terminate() } }
        timer.resume()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
