import Foundation
import GGUF
import Ingest
import Pipeline

/// The summarized documents the server offers, read from the catalog on
/// every call (so a run that finishes while serving is seen at once).
/// Files are only ever opened at paths the catalog records.
public final class Library: Sendable {
    let catalog: any CatalogStore
    /// Pipelines whose documents are served; empty serves every pipeline's.
    let pipelines: Set<String>
    private let sources = SourceCache(capacity: 8)
    private let headlines = HeadlineCache()

    public init(catalog: any CatalogStore, pipelines: [String] = []) {
        self.catalog = catalog
        self.pipelines = Set(pipelines)
    }

    /// Every served document, newest result per path, by title.
    public func documents() throws -> [LibraryDocument] { try entries().map(\.document) }

    func entries() throws -> [LibraryEntry] {
        let runs = Dictionary(try catalog.runs(limit: Int.max).compactMap { run in run.id.map { ($0, run) } },
                              uniquingKeysWith: { a, _ in a })
        var latest: [String: ResultRecord] = [:]
        for result in try catalog.results() {
            let pipeline = runs[result.runID]?.pipeline
            guard pipelines.isEmpty || pipeline.map(pipelines.contains) == true else { continue }
            if let seen = latest[result.path], seen.finished >= result.finished { continue }
            latest[result.path] = result
        }
        return latest.values.map { entry(for: $0, pipeline: runs[$0.runID]?.pipeline) }
            .sorted { ($0.document.title.lowercased(), $0.path) < ($1.document.title.lowercased(), $1.path) }
    }

    /// The document with this id, or nil.
    func entry(id: String) throws -> LibraryEntry? { try entries().first { $0.document.id == id } }

    private func entry(for result: ResultRecord, pipeline: String?) -> LibraryEntry {
        let summary = result.jsonPath.flatMap(headlines.headline)
        let name = URL(fileURLWithPath: result.path).lastPathComponent
        let document = LibraryDocument(
            id: LibraryDocument.id(path: result.path), title: summary?.title ?? name, name: name,
            genre: summary?.genre, format: summary?.format, status: result.status.rawValue,
            error: result.error.map(Redaction.fileNames(in:)), pipeline: pipeline, summarized: result.finished, tokens: summary?.documentTokens,
            summaryMarkdown: result.markdownPath.map { URL(fileURLWithPath: $0).lastPathComponent },
            summaryJSON: result.jsonPath.map { URL(fileURLWithPath: $0).lastPathComponent })
        return LibraryEntry(document: document, path: result.path, contentHash: result.contentHash,
                            settingsKey: result.settingsKey, jsonPath: result.jsonPath)
    }

    /// The summary a run wrote for `entry`, or nil when it has none.
    func summary(of entry: LibraryEntry) throws -> DocumentSummary? {
        try entry.jsonPath.map(Self.summary(at:))
    }

    static func summary(at path: String) throws -> DocumentSummary {
        try JSONFormat.decoder.decode(DocumentSummary.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The passages (segments) questions about `entry` are answered from:
    /// those of the listed result, not of another pipeline's.
    func passages(of entry: LibraryEntry) throws -> [Passage] {
        let records = try catalog.segments(path: entry.path, settingsKey: entry.document.status == "ok" ? entry.settingsKey : "")
        return Passage.of(records).map { var p = $0; p.document = entry.document.title; return p }
    }

    /// The passage block `block` of `entry` cites, read from the document
    /// file; throws `LibraryError.changed` when the file is no longer the one summarized.
    func citedPassage(of entry: LibraryEntry, block: Int) throws -> CitedPassage? {
        let document = try sources.document(at: entry.path, contentHash: entry.contentHash)
        return CitedPassage(document: document, block: block)
    }
}

/// Why a document's source cannot be shown.
enum LibraryError: Error, CustomStringConvertible {
    case changed(name: String)
    case unreadable(name: String, reason: String)

    var description: String {
        switch self {
        case .changed(let name): return "\(name) changed since it was summarized; summarize it again"
        case .unreadable(let name, let reason): return "\(name) cannot be read: \(reason)"
        }
    }
}

/// What the listing shows of each summary file, read again only when the file changes.
final class HeadlineCache: @unchecked Sendable {
    struct Headline: Sendable {
        var title: String, genre: String, format: String, documentTokens: Int
        var modified: Date
    }

    private let lock = NSLock()
    private var headlines: [String: Headline] = [:]

    func headline(_ path: String) -> Headline? {
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        if let hit = lock.withLock({ headlines[path] }), hit.modified == modified { return hit }
        guard let summary = try? Library.summary(at: path) else { return nil }
        let headline = Headline(title: summary.title, genre: summary.genre.rawValue, format: summary.format,
                                documentTokens: summary.documentTokens, modified: modified)
        lock.withLock { headlines[path] = headline }
        return headline
    }
}

/// The last few documents read for their sources, keyed by path and content hash.
final class SourceCache: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [(key: String, document: Document)] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func document(at path: String, contentHash: String) throws -> Document {
        let key = path + "\u{0}" + contentHash
        if let hit = lock.withLock({ documents.first { $0.key == key }?.document }) { return hit }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let document: Document
        do { document = try Ingester().ingest(URL(fileURLWithPath: path)) } catch {
            throw LibraryError.unreadable(name: name, reason: Redaction.fileNames(in: "\(error)"))
        }
        guard document.contentHash == contentHash else { throw LibraryError.changed(name: name) }
        lock.withLock {
            documents.removeAll { $0.key == key }
            documents.insert((key, document), at: 0)
            if documents.count > capacity { documents.removeLast() }
        }
        return document
    }
}
