import Foundation
import GGUF

/// `index.md` and `index.json` of an output directory: every summary the
/// directory holds — whichever run wrote it — with its title, genre, date
/// and status, then what the last run did.
///
/// The summaries are found by walking the directory for `.summary.json`
/// files (the directory is Precis's own, see `OutputDirectory`), so a run
/// over some of the inputs, or over other inputs, does not drop the rest
/// from the index.
public struct OutputIndex: Encodable, Sendable {
    /// One document the directory holds a result for.
    public struct Result: Encodable, Sendable {
        /// Path relative to its input root (and to the output directory, less `.summary.*`).
        public var document: String
        public var title: String?
        public var genre: String?
        /// When the summary was written (its JSON file's modification time).
        public var date: Date?
        /// `summarized` or `unchanged` in the last run, `failed` in it (an earlier
        /// summary may still be there), or `earlier`: not part of the last run.
        public var status: String
        /// The `.summary.md`, relative to the output directory; nil when there is none.
        public var summary: String?
        public var error: String?
    }

    public var pipeline: String
    public var results: [Result]
    /// The last run, as `--json` prints it.
    public var lastRun: BatchReport

    /// The index of `output` after the run `report`.
    public init(output: URL, lastRun report: BatchReport) {
        pipeline = report.pipeline
        lastRun = report
        let held = Self.summaries(in: output)
        let byName = Dictionary(report.entries.map { ($0.document, $0) }, uniquingKeysWith: { first, _ in first })
        var results = held.map { name, url in
            Self.result(name, json: url, entry: byName[name])
        }
        for entry in report.entries where held[entry.document] == nil && entry.status == .failed {
            results.append(Result(document: entry.document, status: "failed", error: entry.error))
        }
        self.results = results.sorted { $0.document < $1.document }
    }

    private static func result(_ name: String, json: URL, entry: BatchEntry?) -> Result {
        let header = (try? Data(contentsOf: json)).flatMap { try? JSONFormat.decoder.decode(Header.self, from: $0) }
        let date = (try? FileManager.default.attributesOfItem(atPath: json.path))?[.modificationDate] as? Date
        let status = entry.map { e in
            switch e.status {
            case .skipped: return "unchanged"
            case .interrupted, .ignored: return "earlier"
            case .summarized, .failed: return e.status.rawValue
            }
        } ?? "earlier"
        return Result(document: name, title: header?.title, genre: header?.genre, date: date, status: status,
                      summary: name + ".summary.md", error: entry?.error)
    }

    /// The fields of a `.summary.json` the index shows.
    private struct Header: Decodable { var title: String?; var genre: String? }


    /// Relative document name → `.summary.json` URL, for every summary under `output`
    /// that has its `.summary.md` beside it.
    static func summaries(in output: URL) -> [String: URL] {
        let root = output.standardizedFileURL.path
        let suffix = ".summary.json"
        var found: [String: URL] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return found }
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(suffix), !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let name = String(relative.dropLast(suffix.count))
            guard FileManager.default.fileExists(atPath: root + "/" + name + ".summary.md") else { continue }
            found[name] = URL(fileURLWithPath: root + "/" + relative)
        }
        return found
    }

    /// Writes `index.md` and `index.json` into `output`, atomically.
    public func write(to output: URL) throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try AtomicFile.write(Array(markdown.utf8), to: output.appendingPathComponent("index.md").path)
        try AtomicFile.write(Array(try JSONFormat.data(self)),
                             to: output.appendingPathComponent("index.json").path)
    }

    /// The index for people: the summaries held, then the last run.
    public var markdown: String {
        let count = results.filter { $0.summary != nil }.count
        var out = "# \(pipeline): summaries\n\n\(count) summar\(count == 1 ? "y" : "ies") in this directory.\n\n"
        out += "| document | title | genre | date | status |\n| --- | --- | --- | --- | --- |\n"
        for r in results {
            let document = r.summary.map { "[\(Self.cell(r.document))](\($0.replacingOccurrences(of: " ", with: "%20")))" }
                ?? Self.cell(r.document)
            let date = r.date.map(Self.dateText) ?? ""
            out += "| \(document) | \(Self.cell(r.title ?? "")) | \(r.genre ?? "") | \(date) | \(r.status) |\n"
        }
        return out + "\n## Last run\n\n" + lastRun.markdownBody
    }

    /// Table cell text: pipes escaped, one line.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func dateText(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}
