import Foundation
import GGUF
import Ingest

/// Scores an output directory of summaries against their source documents
/// and a facts file: every document the facts file lists and every
/// `.summary.json` found in the outputs, each source read again with the
/// `Ingester`. Outputs of the current build and of older builds are both read.
public struct SummaryEvaluation {
    /// The directory the documents were summarized from.
    public let documents: URL
    /// The directory holding `<relpath>.summary.md` and `.summary.json`.
    public let outputs: URL
    public let facts: FactFile
    public var ingester = Ingester()

    public init(documents: URL, outputs: URL, facts: FactFile) {
        self.documents = documents
        self.outputs = outputs
        self.facts = facts
    }

    /// The documents to score: those of the facts file, in its order, then
    /// any other document with a `.summary.json` in the outputs, by path.
    public func documentPaths() -> [String] {
        let listed = facts.documents.map(\.file)
        let found = Self.summaryFiles(in: outputs).filter { !listed.contains($0) }.sorted()
        return listed + found
    }

    /// Scores every document; `progress` hears each document's path before it is scored.
    public func run(progress: (String) -> Void = { _ in }) -> [DocumentScore] {
        let wall = Self.wallSeconds(in: outputs)
        return documentPaths().map { path in
            progress(path)
            var score = score(path)
            score.figures.wallSeconds = wall[path]
            if score.genre == nil { score.genre = facts.facts(for: path)?.genre?.rawValue }
            return score
        }
    }

    /// One document's score; a missing output or an unreadable file gives a
    /// score whose status says so, with all its facts missed.
    public func score(_ path: String) -> DocumentScore {
        let keyFacts = facts.facts(for: path)?.facts ?? []
        let (mdURL, jsonURL) = SummaryOutput.paths(for: path, in: outputs)
        guard FileManager.default.fileExists(atPath: jsonURL.path) else {
            return unscored(path, .missing, "no \(jsonURL.lastPathComponent) in \(outputs.path)", keyFacts)
        }
        let summary: EvaluatedSummary
        do { summary = try EvaluatedSummary.decode(try Data(contentsOf: jsonURL)) } catch {
            return unscored(path, .failed, "\(jsonURL.path): not a summary: \(error)", keyFacts)
        }
        let document: Document
        do { document = try ingester.ingest(documents.appendingPathComponent(path)) } catch {
            return unscored(path, .failed, "cannot read the source \(path): \(error)", keyFacts)
        }
        let markdown = try? String(contentsOf: mdURL, encoding: .utf8)
        var score = SummaryScorer(source: EvaluationSource(document), facts: keyFacts)
            .score(summary, markdown: markdown, document: path)
        if markdown == nil { score.error = "no \(mdURL.lastPathComponent): Markdown not scored" }
        return score
    }

    private func unscored(_ path: String, _ status: DocumentScore.Status, _ error: String, _ facts: [KeyFact]) -> DocumentScore {
        var score = DocumentScore(document: path, status: status, error: error)
        score.figures.recall = Ratio(0, of: facts.count)
        score.missedFacts = facts.map(\.fact)
        return score
    }

    /// Relative paths of the documents with a `.summary.json` under `directory`.
    static func summaryFiles(in directory: URL) -> [String] {
        let suffix = ".summary.json"
        let root = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let item = walker.nextObject() as? String {
            if item.hasSuffix(suffix) && !(item as NSString).lastPathComponent.hasPrefix(".") {
                out.append(String(item.dropLast(suffix.count)))
            }
        }
        return out
    }

    /// Seconds each document took to summarize, from the last run recorded in
    /// the outputs' `index.json` (or an older build's bare run report);
    /// documents skipped as unchanged have none.
    static func wallSeconds(in directory: URL) -> [String: Double] {
        struct Run: Decodable {
            struct Entry: Decodable { var document: String; var seconds: Double?; var status: String? }
            var entries: [Entry]
        }
        struct Index: Decodable { var lastRun: Run }
        let decoder = JSONFormat.decoder
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("index.json")),
              let run = (try? decoder.decode(Index.self, from: data))?.lastRun
                ?? (try? decoder.decode(Run.self, from: data)) else { return [:] }
        var out: [String: Double] = [:]
        for e in run.entries where e.status == nil || e.status == "summarized" {
            if let s = e.seconds { out[e.document] = s }
        }
        return out
    }
}
