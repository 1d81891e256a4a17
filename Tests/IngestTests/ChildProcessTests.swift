import Foundation
import Testing
import Ingest

/// Running programs: output collected, and a program that writes without
/// end stopped at the output limit instead of filling memory.
@Suite("Child processes")
struct ChildProcessTests {
    @Test func outputAndStatusAreCollected() throws {
        let result = try ChildProcess.run("sh", ["-c", "printf out; printf err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdout == Array("out".utf8) && result.stderr == Array("err".utf8))
    }

    @Test func aProgramWritingPastTheLimitIsStoppedAtIt() throws {
        // `yes` never ends on its own: only the limit (or the time limit, as a backstop) ends it.
        let start = Date()
        let error = #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.run("yes", [], timeLimit: 60, outputLimit: 1 << 20)
        }
        #expect(error.map { "\($0)" }?.contains("wrote more than \(1 << 20) bytes") == true, "\(String(describing: error))")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func aProgramThatNeverReadsItsInputStillMeetsItsTimeLimit() throws {
        // 4 MiB fills the pipe long before `sleep` would exit; the write must not hold off the time limit.
        let error = #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.run("sleep", ["30"], input: [UInt8](repeating: 65, count: 4 << 20), timeLimit: 1)
        }
        #expect(error == .timedOut(program: "sleep", seconds: 1))
    }

    @Test func outputUpToTheLimitIsKept() throws {
        let result = try ChildProcess.run("head", ["-c", "65536", "/dev/zero"], outputLimit: 65536)
        #expect(result.status == 0 && result.stdout.count == 65536)
    }
}
