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
        try AtomicFile.write(Array(try JSONFormat.data(summary)), to: json.path)
        return (md, json)
    }

    /// The summary for people (see `SummaryMarkdown`).
    public static func markdown(_ s: DocumentSummary) -> String { SummaryMarkdown.render(s) }
}
