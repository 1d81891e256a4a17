import ArgumentParser
import Foundation
import Ingest

/// `precis ingest PATH...`: reads documents and shows what the model will see.
struct IngestCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read documents (EPUB, DOCX, HTML, PDF, Markdown, text, SRT, WebVTT) and show their structure.",
        discussion: """
        By default prints each document's outline with block counts. --json prints the \
        Document as JSON (one object for one path, an array for several); --text prints the \
        exact text the model reads. A file that cannot be read prints one line to stderr \
        ("error: FILE: reason") and the command continues with the next; the exit status is \
        non-zero if any file failed. A file read only in part (a damaged PDF, chapters an EPUB \
        points to outside its archive, repeated zip entries) prints "warning: FILE: reason" \
        lines to stderr. Formats are detected from content, not extension.
        """
    )

    @Argument(help: "Files or directories to read (directories recursively, hidden files skipped; - reads standard input).",
              completion: .file())
    var paths: [String]

    @Flag(help: "Print the Document as JSON.")
    var json = false

    @Flag(help: "Print the rendered text the model reads.")
    var text = false

    @Option(help: "Largest file to accept, in megabytes.")
    var maxSize: Int = 256

    @Flag(help: "Include DOCX headers and footers.")
    var headersFooters = false

    @Flag(help: "Read symbolic links that lead outside the given directories (by default they are skipped).")
    var followSymlinks = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if json && text { throw ValidationError("--json and --text are exclusive; choose one.") }
        if maxSize <= 0 { throw ValidationError("--max-size must be a positive number of megabytes.") }
    }

    func run() throws {
        var options = IngestOptions()
        options.maxFileSize = maxSize << 20
        options.includeHeadersAndFooters = headersFooters
        let ingester = Ingester(options: options)
        var documents: [Document] = []
        var failures = 0
        let stdin = try StandardInput(paths)
        defer { stdin.remove() }
        for path in DocumentPaths.expand(stdin.resolve(paths), followSymlinks: followSymlinks) {
            do {
                let document = try ingester.ingest(URL(fileURLWithPath: path))
                Console.warnings(of: document, name: stdin.file?.path == path ? "stdin" : path)
                if json { documents.append(document); continue }
                print(text ? document.renderedText() : IngestOutline.render(document))
            } catch let error as IngestError {
                failures += 1
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            }
        }
        if json && !documents.isEmpty { try printJSON(documents) }
        if failures > 0 { throw ExitCode(1) }
    }

    /// One document as an object, several as an array, written block by
    /// block (`Document.writeJSON`): a document of many blocks never needs
    /// its whole JSON tree in memory.
    private func printJSON(_ documents: [Document]) throws {
        let write: (String) -> Void = { print($0, terminator: "") }
        if documents.count == 1 {
            try documents[0].writeJSON(to: write)
        } else {
            write("[\n")
            for (i, document) in documents.enumerated() {
                write("  ")
                try document.writeJSON(indent: 2, to: write)
                write(i + 1 < documents.count ? ",\n" : "\n")
            }
            write("]")
        }
        print()
    }
}

/// The outline view: document header, then one line per section with its
/// block counts, indented by level.
enum IngestOutline {
    static func render(_ d: Document) -> String {
        let m = d.metadata
        var lines = ["\(m.source)"]
        var facts = [m.format.rawValue]
        if let e = m.encoding { facts.append(e) }
        if let l = m.language { facts.append("lang \(l)") }
        if let p = m.pageCount { facts.append("\(p) pages") }
        facts.append("\(d.sections.count) sections")
        facts.append("\(d.root.totalBlockCount) blocks")
        facts.append("sha256 \(d.contentHash.prefix(12))")
        lines.append("  " + facts.joined(separator: ", "))
        if let t = m.title { lines.append("  title: \(t)") }
        if !m.authors.isEmpty { lines.append("  by: \(m.authors.joined(separator: "; "))") }
        for note in m.notes { lines.append("  note: \(note)") }
        if let speakers = speakerSummary(d) { lines.append("  \(speakers)") }
        if !d.root.blocks.isEmpty { lines.append("  (before first heading) — \(counts(d.root.blocks))") }
        for child in d.root.children { section(child, into: &lines) }
        return lines.joined(separator: "\n")
    }

    private static func section(_ s: Section, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: s.level)
        let own = s.blocks.isEmpty ? "" : " — \(counts(s.blocks))"
        lines.append("\(indent)\(s.heading ?? "")\(own)")
        for c in s.children { section(c, into: &lines) }
    }

    /// "speakers: Ana (12 turns), Ben (9 turns); 0:02–4:38" for transcripts.
    private static func speakerSummary(_ d: Document) -> String? {
        var order: [String] = []
        var turns: [String: Int] = [:]
        var first: Double?, last: Double?
        for b in d.blocks {
            guard case .turn(let speaker, let start, let end) = b.kind else { continue }
            let name = speaker ?? "(unlabelled)"
            if turns[name] == nil { order.append(name) }
            turns[name, default: 0] += 1
            if first == nil { first = start }
            last = end ?? start ?? last
        }
        guard !order.isEmpty else { return nil }
        let who = order.map { "\($0) (\(turns[$0] ?? 0) turns)" }.joined(separator: ", ")
        let span = [first, last].compactMap { $0 }.map(clock).joined(separator: "–")
        return "speakers: \(who)" + (span.isEmpty ? "" : "; \(span)")
    }

    private static func clock(_ seconds: Double) -> String {
        let t = Int(seconds)
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }

    /// "12 paragraphs, 3 list items, 1 note".
    static func counts(_ blocks: [Block]) -> String {
        var order: [String] = []
        var tally: [String: Int] = [:]
        for b in blocks {
            let k: String
            switch b.kind {
            case .paragraph: k = "paragraph"
            case .listItem: k = "list item"
            case .tableRow: k = "table row"
            case .note: k = "note"
            case .turn: k = "turn"
            }
            if tally[k] == nil { order.append(k) }
            tally[k, default: 0] += 1
        }
        return order.map { k in
            let n = tally[k, default: 0]
            return "\(n) \(k)\(n == 1 ? "" : "s")"
        }.joined(separator: ", ")
    }
}
