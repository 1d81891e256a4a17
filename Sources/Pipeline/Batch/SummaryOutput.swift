import Foundation
import GGUF

/// Writes a document's `.summary.md` and `.summary.json` under the output
/// directory, mirroring the document's path relative to its input root.
/// Both are written atomically.
public enum SummaryOutput {
    /// The two output paths of a document at `relativePath`.
    public static func paths(for relativePath: String, in output: URL) -> (markdown: URL, json: URL) {
        (output.appendingPathComponent(relativePath + ".summary.md"), output.appendingPathComponent(relativePath + ".summary.json"))
    }

    /// Writes both files and returns their paths.
    @discardableResult
    public static func write(_ summary: DocumentSummary, relativePath: String, in output: URL) throws -> (markdown: URL, json: URL) {
        let (md, json) = paths(for: relativePath, in: output)
        try FileManager.default.createDirectory(at: md.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Array(markdown(summary).utf8), to: md.path)
        try AtomicFile.write(Array(try encoder.encode(summary)) + [0x0A], to: json.path)
        return (md, json)
    }

    /// The encoder of every JSON file and `--json` report of a run:
    /// snake_case keys, ISO 8601 dates.
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// The summary for people: title, summary points with citations,
    /// chapters, sections, speakers, and how it was made.
    public static func markdown(_ s: DocumentSummary) -> String {
        var out = "# \(s.title)\n\n"
        out += "*\(s.source) — \(s.genre), \(s.documentTokens) tokens in \(s.segments) segment\(s.segments == 1 ? "" : "s")*\n\n"
        out += "## Summary\n\n"
        out += s.points.map { p in "- \(p.text)" + (p.citation.map { " *(\($0))*" } ?? "") }.joined(separator: "\n") + "\n"
        if !s.speakers.isEmpty {
            out += "\n## Speakers\n\n"
            out += s.speakers.map { sp in
                "- **\(sp.name)**: \(sp.turns) turn\(sp.turns == 1 ? "" : "s")"
                    + (sp.firstSpoke.map { f in " [\(f)–\(sp.lastSpoke ?? f)]" } ?? "")
            }.joined(separator: "\n") + "\n"
        }
        for (heading, parts) in [("Chapters", s.chapters), ("Sections", s.sections)] where !parts.isEmpty {
            out += "\n## \(heading)\n"
            for part in parts { out += "\n### \(part.label)\n\n\(part.summary)\n\n*Source: \(part.citation)*\n" }
        }
        out += String(format: "\n---\nModel %@…, pattern %@…, sparsity %.2f; %d tokens generated; prefill %.1f s "
                          + "(%d of %d segments from snapshots), generation %.1f s.\n",
                      String(s.model.prefix(12)), String(s.pattern.prefix(12)), s.sparsity, s.generatedTokens,
                      s.prefillSeconds, s.segmentsFromSnapshots, s.segments, s.generateSeconds)
        return out
    }
}
