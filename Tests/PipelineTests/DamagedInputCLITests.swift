import Foundation
import Testing
@testable import Pipeline

/// What `precis` does with hostile input: says when a document is read in
/// part or the catalog is not a database, and keeps its memory bounded on
/// a document of very many blocks.
@Suite("Hostile input on the command line", .serialized)
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

    @Test("a catalog of garbage bytes is one error line naming it and how to move it aside, exit 1",
          .enabled(if: CLITests.binaryBuilt, "needs the built precis binary"))
    func damagedCatalog() throws {
        let root = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let catalog = PrecisPaths.fromEnvironment(["PRECIS_HOME": home.path]).catalog
        try FileManager.default.createDirectory(at: catalog.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 0xA5, count: 4096).write(to: catalog)
        for arguments in [["runs"], ["snapshots", "list"]] {
            let result = try CLITests.precis(arguments, home: home)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "error: catalog \(catalog.path) is damaged (file is not a database); "
                    + "move it aside to start a new one: mv \(catalog.path) \(catalog.path).damaged\n", "\(arguments)")
        }
    }

    static let timeTool = "/usr/bin/time"

    @Test("ingest --json of 2.2 MB of HTML in 160,000 paragraphs stays under 120 MB (it took 460 MB)",
          .enabled(if: CLITests.binaryBuilt && FileManager.default.isExecutableFile(atPath: timeTool),
                   "needs the built precis binary and /usr/bin/time"))
    func jsonOfManyBlocksIsStreamed() throws {
        let root = try CLITests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let words = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"]
        var html = "<!DOCTYPE html><html><head><title>T</title></head><body>\n"
        var n = 0
        while html.utf8.count < 2_200_000 {
            html += "<p>\(words[n % 8]) \(words[n / 8 % 8])</p>\n"
            n += 1
        }
        let file = root.appendingPathComponent("many.html")
        try Data((html + "</body></html>\n").utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.timeTool)
        process.arguments = ["-f", "max-rss-kb %M", EndToEndTests.binary!.path, "ingest", "--json", file.path]
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        let kilobytes = stderr.split(separator: "\n").last { $0.hasPrefix("max-rss-kb ") }.flatMap { Int($0.dropFirst(11)) }
        #expect((kilobytes ?? .max) < 120_000, "max RSS \(kilobytes ?? -1) kB")
    }
}
