import Foundation
import Testing
@testable import Pipeline

/// What `precis` says about damaged input: a document read in part, a
/// catalog that is not a database.
@Suite("Damaged input on the command line", .serialized)
struct DamagedInputCLITests {
    /// Ingest's damaged fixtures, read from the source tree.
    static func damagedFixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("IngestTests/Fixtures/damaged").appendingPathComponent(name)
    }

    @Test("ingest prints warning: FILE: reason for a document read in part, and still succeeds",
          .enabled(if: CLITests.binaryBuilt, "needs the built precis binary"))
    func ingestWarns() throws {
        let root = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = Self.damagedFixture("duplicate-entry.docx").path
        let result = try CLITests.precis(["ingest", "--text", file], home: root.appendingPathComponent("home"))
        #expect(result.status == 0)
        #expect(result.stderr == "warning: \(file): the archive holds 2 entries named 'word/document.xml'; "
                + "only the last is read, the others are left out\n")
        #expect(result.stdout.contains("The second document.xml, which is read."))
    }
}
