import Foundation
import Testing
@testable import Pipeline

/// The index of an output directory describes every summary it holds, not only the last run.
@Suite("Batch output index")
struct BatchOutputIndexTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-index-\(UUID().uuidString)")

    func writeSummary(_ name: String, title: String, genre: String) throws {
        let (md, json) = SummaryOutput.paths(for: name, in: root)
        try FileManager.default.createDirectory(at: md.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("# \(title)\n".utf8).write(to: md)
        try Data(#"{"title": "\#(title)", "genre": "\#(genre)", "source": "\#(name)"}"#.utf8).write(to: json)
    }

    @Test("index.md and index.json list earlier runs' summaries with title, genre, date and status")
    func everySummaryHeld() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try writeSummary("old/contract.docx", title: "Maintenance agreement", genre: "contract")
        try writeSummary("call.srt", title: "Irrigation call", genre: "transcript")
        let report = BatchReport(pipeline: "summarize", started: Date(), seconds: 2, status: "failed", entries: [
            BatchEntry(document: "call.srt", status: .summarized, summary: "call.srt.summary.md", tokens: 90, seconds: 2),
            BatchEntry(document: "broken.docx", status: .failed, error: "broken.docx: corrupt zip archive"),
        ], tokensPerSecond: 45)
        try report.write(to: root)

        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("index.json"))) as? [String: Any]
        let results = index?["results"] as? [[String: Any]] ?? []
        let status = Dictionary(uniqueKeysWithValues: results.map { ($0["document"] as? String ?? "", $0["status"] as? String ?? "") })
        #expect(status == ["old/contract.docx": "earlier", "call.srt": "summarized", "broken.docx": "failed"])
        let contract = results.first { $0["document"] as? String == "old/contract.docx" }
        #expect(contract?["title"] as? String == "Maintenance agreement" && contract?["genre"] as? String == "contract")
        #expect(contract?["date"] is String && contract?["summary"] as? String == "old/contract.docx.summary.md")
        #expect((index?["last_run"] as? [String: Any])?["entries"] is [Any])

        let markdown = try String(contentsOf: root.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains("[old/contract.docx](old/contract.docx.summary.md) | Maintenance agreement | contract |"))
        #expect(markdown.contains("Irrigation call") && markdown.contains("## Last run") && markdown.contains("broken.docx: corrupt"))
    }

    @Test("a document read in part is listed with what it lacks in index.md and index.json")
    func documentsReadInPart() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try writeSummary("scan.pdf", title: "Scan", genre: "general")
        let lost = "4 of 6 pages have no text (pages 3–6): damaged, or scanned without a text layer; their text is missing"
        try BatchReport(pipeline: "p", started: Date(), seconds: 1, status: "completed", entries: [
            BatchEntry(document: "scan.pdf", status: .summarized, summary: "scan.pdf.summary.md", warnings: [lost]),
            BatchEntry(document: "whole.txt", status: .summarized, summary: "whole.txt.summary.md"),
        ], tokensPerSecond: 0).write(to: root)
        let markdown = try String(contentsOf: root.appendingPathComponent("index.md"), encoding: .utf8)
        #expect(markdown.contains("### Read in part\n\n- scan.pdf: \(lost)\n"))
        #expect(!markdown.contains("whole.txt: "))
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("index.json"))) as? [String: Any]
        let entries = (index?["last_run"] as? [String: Any])?["entries"] as? [[String: Any]] ?? []
        #expect(entries.first { $0["document"] as? String == "scan.pdf" }?["warnings"] as? [String] == [lost])
        #expect(entries.first { $0["document"] as? String == "whole.txt" }?["warnings"] == nil)
    }

    @Test("a directory whose index Precis wrote is adopted as its own")
    func adoptsItsIndex() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try writeSummary("a.txt", title: "A", genre: "general")
        try BatchReport(pipeline: "p", started: Date(), seconds: 1, status: "completed", entries: [], tokensPerSecond: 0).write(to: root)
        try OutputDirectory.claim(root, inputs: [URL(fileURLWithPath: "/nonexistent-input")])
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(OutputDirectory.markerName).path))
    }
}
