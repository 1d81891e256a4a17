import Foundation
import GGUF

/// What happened to one document in a run.
public struct BatchEntry: Codable, Sendable {
    /// `skipped`: unchanged since a successful result; `ignored`: found in a
    /// directory but not a document (an image, an archive, an empty file).
    public enum Status: String, Codable, Sendable { case summarized, skipped, ignored, failed, interrupted }
    /// Path relative to its input root.
    public var document: String
    public var status: Status
    /// The `.summary.md`, relative to the output directory.
    public var summary: String?
    public var error: String?
    /// Why an `ignored` file is not a document.
    public var note: String?
    /// Text the document lacks (`Metadata.warnings`: a damaged PDF's lost
    /// pages, chapters outside an EPUB's archive): its summary covers only
    /// what could be read. Nil when it was read whole.
    public var warnings: [String]?
    public var tokens: Int?
    public var seconds: Double?
}

/// Snapshot space: what a run wrote (bytes and the document tokens they
/// hold) and what the store holds after it.
public struct SnapshotSpace: Codable, Sendable, Equatable {
    public var writtenBytes: Int
    public var writtenTokens: Int
    public var storeBytes: Int

    /// Bytes a written token costs on disk (0 when nothing was written).
    public var bytesPerToken: Double { writtenTokens > 0 ? Double(writtenBytes) / Double(writtenTokens) : 0 }
}

/// A run's outcome: every document with its status, and the totals.
public struct BatchReport: Codable, Sendable {
    public var pipeline: String
    public var started: Date
    public var seconds: Double
    public var status: String
    public var entries: [BatchEntry]
    /// Document tokens summarized per second spent summarizing them (reading
    /// and writing; unchanged documents left out), as progress lines show it.
    public var tokensPerSecond: Double
    /// Disk space of the snapshots this run wrote, and of the whole store after it.
    public var snapshots: SnapshotSpace?

    public func count(_ status: BatchEntry.Status) -> Int { entries.filter { $0.status == status }.count }

    /// `tokensPerSecond` of a run's entries: the summarized documents' tokens over their seconds.
    public static func tokensPerSecond(_ entries: [BatchEntry]) -> Double {
        let summarized = entries.filter { $0.status == .summarized }
        let seconds = summarized.reduce(0) { $0 + ($1.seconds ?? 0) }
        return seconds > 0 ? Double(summarized.reduce(0) { $0 + ($1.tokens ?? 0) }) / seconds : 0
    }

    /// Writes the output directory's `index.md` and `index.json` (see
    /// `OutputIndex`: every summary the directory holds, then this run),
    /// after removing what killed writers left half-written there.
    public func write(to output: URL) throws {
        OutputDirectory.removeAbandonedTemporaries(output)
        try OutputIndex(output: output, lastRun: self).write(to: output)
    }

    /// What the run did, for people: its totals, each document's status,
    /// the errors, the documents read in part and the files that are not
    /// documents.
    public var markdownBody: String {
        var out = String(format: "Run %@, %.1f s, %@: %d summarized, %d unchanged, %d failed%@%@.\n\n",
                         ISO8601DateFormatter().string(from: started), seconds, status, count(.summarized), count(.skipped),
                         count(.failed), count(.interrupted) > 0 ? ", \(count(.interrupted)) not reached" : "",
                         count(.ignored) > 0 ? ", \(count(.ignored)) not documents" : "")
        out += "| document | status | summary |\n| --- | --- | --- |\n"
        for e in entries {
            let link = e.summary.map { "[\(($0 as NSString).lastPathComponent)](\($0.replacingOccurrences(of: " ", with: "%20")))" } ?? ""
            out += "| \(e.document) | \(e.status == .ignored ? "not a document" : e.status.rawValue) | \(link) |\n"
        }
        let failures = entries.filter { $0.status == .failed }
        if !failures.isEmpty {
            out += "\n### Errors\n\n" + failures.map { "- \($0.document): \($0.error ?? "unknown error")" }.joined(separator: "\n") + "\n"
        }
        let warned = entries.filter { !($0.warnings ?? []).isEmpty }
        if !warned.isEmpty {
            out += "\n### Read in part\n\n"
                + warned.flatMap { e in (e.warnings ?? []).map { "- \(e.document): \($0)" } }.joined(separator: "\n") + "\n"
        }
        let ignored = entries.filter { $0.status == .ignored }
        if !ignored.isEmpty {
            out += "\n### Not documents\n\n" + ignored.map { "- \($0.document): \($0.note ?? "not a document")" }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
