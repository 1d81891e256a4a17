import Foundation
import Testing
@testable import Pipeline

/// `-q/--quiet` and `-v/--verbose` on every command.
@Suite("Log levels", .serialized)
struct LogLevelTests {
    @Test("-q leaves stderr empty but keeps the output, -v adds details; both at once is a usage error",
          .enabled(if: CLITests.binaryBuilt && ReadingTests.modelPath != nil, "needs the built binary and the default model"))
    func quietDefaultVerbose() throws {
        let home = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: home) }
        let doc = home.appendingPathComponent("doc.txt")
        try ReadingTests.document.write(to: doc, atomically: true, encoding: .utf8)
        let plain = try CLITests.precis(["prefill", doc.path, "--force"], home: home)
        #expect(plain.status == 0 && !plain.stderr.contains("debug:"), "\(plain.stderr)")
        let quiet = try CLITests.precis(["prefill", doc.path, "--force", "-q"], home: home)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(!quiet.stdout.isEmpty, "-q keeps the output itself")
        let verbose = try CLITests.precis(["prefill", doc.path, "--force", "--verbose"], home: home)
        #expect(verbose.status == 0 && verbose.stderr.contains("debug: model ") && verbose.stderr.contains("debug: finished in"),
                "\(verbose.stderr)")
        for command in [["prefill", doc.path], ["model", "list"], ["snapshots", "list"], ["runs"]] {
            let both = try CLITests.precis(command + ["-q", "-v"], home: home)
            #expect(both.status == 64 && both.stderr.contains("--quiet and --verbose"), "\(command): \(both.stderr)")
        }
    }
}
