import Foundation
import Testing
@testable import Pipeline

/// The `precis` binary's conventions: exit statuses, usage and error lines,
/// what `ask` prints.
@Suite("Command line", .serialized)
struct CLITests {
    static var binaryBuilt: Bool { EndToEndTests.binary != nil }

    /// Runs `precis ARGS` with a scratch home and the default model; returns status, stdout and stderr.
    static func precis(_ arguments: [String], home: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PRECIS_HOME"] = home.path
        if let model = ReadingTests.modelPath { env["PRECIS_MODEL"] = model }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read stderr in the background so a full pipe cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static func scratch() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("ask -n 0 is a usage error that points to prefill, before any model is loaded",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func askZeroTokens() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = root.appendingPathComponent("doc.txt")
        try Data(ReadingTests.document.utf8).write(to: doc)
        let result = try Self.precis(["ask", doc.path, "Who pays?", "-n", "0"], home: root.appendingPathComponent("home"))
        #expect(result.status == 64)
        #expect(result.stderr.contains("precis prefill") && result.stdout.isEmpty)
    }

    @Test("a single-document answer is headed by its source",
          .enabled(if: binaryBuilt && ReadingTests.modelPath != nil, "needs the default model and the built precis binary"))
    func askNamesSource() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = root.appendingPathComponent("doc.txt")
        try Data(ReadingTests.document.utf8).write(to: doc)
        let result = try Self.precis(["ask", doc.path, "How much does the Trust pay?", "--greedy", "-n", "8"],
                                     home: root.appendingPathComponent("home"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[\(doc.path)"), "stdout: \(result.stdout)")
    }
}
