import Foundation
import Testing
@testable import Pipeline

/// The `precis` binary on a small directory with the default model: a run
/// killed with SIGKILL mid-way, then run again, summarizes every document
/// exactly once and leaves the catalog and outputs consistent.
@Suite("Batch runs end to end", .serialized)
struct EndToEndTests {
    static let binary: URL? = {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("precis")
        let sibling = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("precis")
        return [url, sibling].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var ready: Bool { binary != nil && ReadingTests.modelPath != nil }

    /// A scratch home, input directory and output directory.
    struct Scratch {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-e2e-\(UUID().uuidString)")
        var input: URL { root.appendingPathComponent("docs") }
        var output: URL { root.appendingPathComponent("out") }
        var home: URL { root.appendingPathComponent("home") }

        func write(_ name: String, _ text: String) throws {
            let url = input.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        /// Starts `precis ARGS` with this scratch home and the default model.
        func start(_ arguments: [String]) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = EndToEndTests.binary
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["PRECIS_HOME"] = home.path
            env["PRECIS_MODEL"] = ReadingTests.modelPath
            process.environment = env
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, out)
        }

        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
            let (process, out) = try start(arguments)
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
    }

    static let documents = [
        "notes/lamp.txt": "The harbour lamp is cleaned every month. Its bulb is replaced when it fails, and the housing is painted every third summer.",
        "fees.md": "# Fees\n\nThe Trust pays 1,200 pounds per quarter.\n\n# Term\n\nThe agreement runs for five years from March 2024.",
        "call.srt": "1\n00:00:01,000 --> 00:00:05,000\nAna: We start the irrigation rollout on Monday.\n\n2\n00:00:06,000 --> 00:00:09,000\nBen: I will order the pipes today.\n",
        "storms.txt": "After any storm of force nine or more, the lamp is inspected within two days by the harbour crew.",
    ]

    @Test("a run killed with SIGKILL and run again summarizes every document exactly once",
          .enabled(if: ready, "needs the default model and the built precis binary"))
    func killAndRerun() throws {
        let s = Scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        for (name, text) in Self.documents { try s.write(name, text) }
        let arguments = ["summarize", s.input.path, "--out", s.output.path, "--length", "12", "--quiet"]

        // Kill the first run as soon as the catalog records one finished document.
        let catalogPath = s.home.appendingPathComponent("state/catalog.sqlite").path
        let (first, _) = try s.start(arguments)
        let deadline = Date().addingTimeInterval(300)
        var recorded: [ResultRecord] = []
        while recorded.isEmpty && first.isRunning && Date() < deadline {
            usleep(20_000)
            if FileManager.default.fileExists(atPath: catalogPath) { recorded = (try? SQLiteCatalog(path: catalogPath).results()) ?? [] }
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let finished = try SQLiteCatalog(path: catalogPath).results()
        let doneBeforeKill = Set(finished.map { String($0.path.dropFirst(s.input.standardizedFileURL.path.count + 1)) })
        #expect(!doneBeforeKill.isEmpty && doneBeforeKill.count < Self.documents.count, "kill landed after \(doneBeforeKill)")
        #expect(doneBeforeKill.isSubset(of: summaries(in: s.output)))

        let second = try s.run(arguments + ["--json"])
        #expect(second.status == 0)
        let report = try JSONDecoder().decode(BatchReportView.self, from: Data(second.stdout.utf8))
        #expect(report.entries.count == Self.documents.count)
        #expect(Set(report.entries.filter { $0.status == "skipped" }.map(\.document)) == doneBeforeKill)
        #expect(report.entries.allSatisfy { $0.status == "skipped" || $0.status == "summarized" })
        #expect(summaries(in: s.output) == Set(Self.documents.keys))
        #expect(leftovers(in: s.root).isEmpty, "temporary files left: \(leftovers(in: s.root))")

        let catalog = try SQLiteCatalog(path: catalogPath)
        let results = try catalog.results()
        #expect(results.count == Self.documents.count && results.allSatisfy { $0.status == .ok })
        #expect(try catalog.runs(pipeline: "summarize").map(\.status) == [.completed, .killed])
        // Every JSON output is complete.
        for name in Self.documents.keys {
            let json = try Data(contentsOf: s.output.appendingPathComponent(name + ".summary.json"))
            #expect((try? JSONSerialization.jsonObject(with: json)) != nil, "\(name).summary.json is not valid JSON")
        }

        // A third run skips everything; a question is answered from the stored snapshots.
        let third = try s.run(arguments + ["--json"])
        let again = try JSONDecoder().decode(BatchReportView.self, from: Data(third.stdout.utf8))
        #expect(again.entries.allSatisfy { $0.status == "skipped" })
        // The space the snapshots took: what a run wrote and what the store holds.
        let wrote = try #require(report.snapshots), none = try #require(again.snapshots)
        #expect(wrote.written_bytes > 0 && wrote.written_tokens > 0 && wrote.store_bytes >= wrote.written_bytes)
        #expect(none.written_bytes == 0 && none.store_bytes == wrote.store_bytes)
        let ask = try s.run(["ask", "--all", s.input.path, "How much does the Trust pay?", "--greedy", "-n", "16", "--json"])
        let answer = try JSONSerialization.jsonObject(with: Data(ask.stdout.utf8)) as? [String: Any]
        #expect(answer?["from_snapshot"] as? Bool == true)
        #expect((answer?["sources"] as? [[String: Any]])?.first?["document"] as? String == s.input.appendingPathComponent("fees.md").path)
    }

    @Test("SIGTERM ends a run after the current step and records it as interrupted",
          .enabled(if: ready, "needs the default model and the built precis binary"))
    func terminate() throws {
        let s = Scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        for (name, text) in Self.documents { try s.write(name, text) }
        let catalogPath = s.home.appendingPathComponent("state/catalog.sqlite").path
        let (process, out) = try s.start(["summarize", s.input.path, "--out", s.output.path, "--length", "12", "--quiet", "--json"])
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning && Date() < deadline
            && ((try? FileManager.default.fileExists(atPath: catalogPath) ? SQLiteCatalog(path: catalogPath).results().count : 0) ?? 0) == 0 {
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGTERM)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let report = try JSONDecoder().decode(BatchReportView.self, from: data)
        #expect(report.entries.contains { $0.status == "interrupted" })
        #expect(try SQLiteCatalog(path: catalogPath).runs(pipeline: "summarize").first?.status == .interrupted)
        #expect(leftovers(in: s.root).isEmpty)
        // The index of the interrupted run lists every document.
        let index = try String(contentsOf: s.output.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(Self.documents.keys.allSatisfy { index.contains($0) })
    }

    @Test("a document that fails is reported in the index and the exit status, and the others are summarized",
          .enabled(if: ready, "needs the default model and the built precis binary"))
    func failingDocument() throws {
        let s = Scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        try s.write("good.txt", Self.documents["storms.txt"]!)
        try s.write("broken.docx", "PK\u{3}\u{4} this is not a zip archive")
        try s.write("empty.md", "   \n")
        let result = try s.run(["summarize", s.input.path, "--out", s.output.path, "--length", "12", "--quiet", "--json"])
        #expect(result.status == 1)
        let report = try JSONDecoder().decode(BatchReportView.self, from: Data(result.stdout.utf8))
        #expect(Dictionary(uniqueKeysWithValues: report.entries.map { ($0.document, $0.status) })
                == ["good.txt": "summarized", "broken.docx": "failed", "empty.md": "failed"])
        let index = try String(contentsOf: s.output.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("## Errors") && index.contains("broken.docx:") && index.contains("empty.md:"))
        #expect(FileManager.default.fileExists(atPath: s.output.appendingPathComponent("good.txt.summary.md").path))
    }

    @Test("files in a directory that are not documents are listed as such and the run succeeds; named, they fail",
          .enabled(if: ready, "needs the default model and the built precis binary"))
    func notDocuments() throws {
        let s = Scratch()
        defer { try? FileManager.default.removeItem(at: s.root) }
        try s.write("good.txt", Self.documents["storms.txt"]!)
        try s.write("empty.txt", "")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]
        try Data(png).write(to: s.input.appendingPathComponent("photo.png"))
        let zip = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("IngestTests/Fixtures/bad/other.zip")
        try FileManager.default.copyItem(at: zip, to: s.input.appendingPathComponent("photos.zip"))
        let result = try s.run(["summarize", s.input.path, "--out", s.output.path, "--length", "12", "--quiet", "--json"])
        #expect(result.status == 0)
        let report = try JSONDecoder().decode(BatchReportView.self, from: Data(result.stdout.utf8))
        #expect(Dictionary(uniqueKeysWithValues: report.entries.map { ($0.document, $0.status) })
                == ["good.txt": "summarized", "empty.txt": "ignored", "photo.png": "ignored", "photos.zip": "ignored"])
        let index = try String(contentsOf: s.output.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(index.contains("## Not documents") && index.contains("photo.png: not a document"))
        #expect(!index.contains("## Errors"))
        let catalog = try SQLiteCatalog(path: s.home.appendingPathComponent("state/catalog.sqlite").path)
        #expect(try catalog.results().map { ($0.path as NSString).lastPathComponent } == ["good.txt"])

        let named = try s.run(["summarize", s.input.appendingPathComponent("photo.png").path,
                               "--out", s.root.appendingPathComponent("named").path, "--quiet", "--json"])
        #expect(named.status == 1)
    }

    /// Relative paths of the documents that have both outputs.
    func summaries(in output: URL) -> Set<String> {
        Set(Self.documents.keys.filter { name in
            FileManager.default.fileExists(atPath: output.appendingPathComponent(name + ".summary.md").path)
                && FileManager.default.fileExists(atPath: output.appendingPathComponent(name + ".summary.json").path)
        })
    }

    func leftovers(in root: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.compactMap { ($0 as? URL)?.lastPathComponent } ?? []).filter { $0.contains(".tmp-") }
    }

    struct BatchReportView: Decodable {
        struct Entry: Decodable { var document: String; var status: String }
        struct Space: Decodable { var written_bytes: Int; var written_tokens: Int; var store_bytes: Int }
        var entries: [Entry]
        var snapshots: Space?
    }
}
