import Foundation
import Ingest
import Inference

/// The state of summarizing one document: the part summaries so far and
/// the counts and times that go into its outputs.
struct SummaryRun {
    let summarizer: DocumentSummarizer
    let prompts: GenrePrompts
    let request: SummaryRequest
    private(set) var sections: [PartSummary] = []
    private(set) var fromSnapshots = 0
    private(set) var generatedTokens = 0
    private(set) var prefillSeconds = 0.0
    private(set) var generateSeconds = 0.0

    init(summarizer: DocumentSummarizer, prompts: GenrePrompts, request: SummaryRequest) {
        self.summarizer = summarizer
        self.prompts = prompts
        self.request = request
    }

    private var reading: ReadingModel { summarizer.reading }

    /// A document that fits one segment: one prefill, then the summary and
    /// each top-level section's summary asked of that same state.
    mutating func summarizeWhole(_ segment: Segment, document: Document, source: String) throws -> String {
        let prefilled = try read(segment, of: 1, source: source, store: true)
        let overall = try ask(prefilled, request.render(prompts.summary), words: request.words, part: "summary")
        let parts = Self.topSections(of: document).prefix(summarizer.maxSectionSummaries)
        let words = max(40, min(120, request.words / max(1, parts.count)))
        for section in parts {
            let label = section.path.joined(separator: " › ")
            var partRequest = request
            partRequest.words = words
            let text = try ask(prefilled, partRequest.render(prompts.section, section: label), words: words, part: label)
            sections.append(PartSummary(label: label, citation: Self.citation(of: section, label: label), summary: text))
        }
        return overall
    }

    /// A long document: each segment read once and summarized after the
    /// summary of the one before it.
    mutating func summarizeSegments(_ segments: [Segment], source: String) throws {
        var previous = ""
        let words = max(60, min(request.words, request.words * 2 / max(1, segments.count)))
        for segment in segments {
            let prefilled = try read(segment, of: segments.count, source: "\(source) [part \(segment.index + 1)/\(segments.count)]",
                                     store: true)
            var partRequest = request
            partRequest.words = words
            let text = try ask(prefilled, partRequest.render(prompts.section, section: segment.label,
                                                             previous: Self.lastWords(previous, 120)),
                               words: words, part: segment.label)
            sections.append(PartSummary(label: segment.label, citation: segment.citation, summary: text))
            previous = text
        }
    }

    /// A book's chapters: the summary of each chapter's segments, merged when it has several.
    mutating func chapterSummaries(_ segments: [Segment]) throws -> [PartSummary] {
        var chapters: [PartSummary] = [], start = 0
        while start < segments.count {
            let chapter = segments[start].chapter
            var end = start + 1
            while end < segments.count && segments[end].chapter == chapter { end += 1 }
            let parts = (start..<end).map { (sections[$0].label, sections[$0].summary) }
            let label = chapter ?? segments[start].label
            let citation = "\(label), parts \(start + 1)–\(end)"
            chapters.append(PartSummary(label: label, citation: end - start == 1 ? sections[start].citation : citation,
                                        summary: try merge(parts)))
            start = end
        }
        return chapters
    }

    /// One summary of `parts`, merged in groups that fit the context, each
    /// group told the merged summary of the groups before it.
    mutating func merge(_ parts: [(label: String, summary: String)], level: Int = 1) throws -> String {
        if parts.count == 1 { return parts[0].summary }
        summarizer.progress(.merging(level: level))
        let budget = reading.contextLength - reading.requestRoom - reading.encode(reading.framing.document("")).count
        var groups: [[(label: String, summary: String)]] = [[]]
        for part in parts {
            let candidate = groups[groups.count - 1] + [part]
            if groups[groups.count - 1].isEmpty || tokens(Self.joined(candidate)) <= budget {
                groups[groups.count - 1] = candidate
            } else {
                groups.append([part])
            }
        }
        var merged: [(label: String, summary: String)] = [], previous = ""
        for (i, group) in groups.enumerated() {
            let text = Self.joined(group)
            let prefilled = try summarizer.reader.withoutStore.read(text, source: "merge")
            prefillSeconds += prefilled.seconds
            let summary = try ask(prefilled, request.render(prompts.merge, previous: Self.lastWords(previous, 150)),
                                  words: request.words, part: "merge \(i + 1)/\(groups.count)")
            merged.append(("Parts \(i + 1)", summary))
            previous = summary
        }
        return merged.count == 1 ? merged[0].summary : try merge(merged, level: level + 1)
    }

    private mutating func read(_ segment: Segment, of count: Int, source: String, store: Bool) throws -> PrefilledDocument {
        if summarizer.isCancelled() { throw SummaryInterrupted() }
        let progress = summarizer.progress, index = segment.index
        let reader = store ? summarizer.reader : summarizer.reader.withoutStore
        let prefilled = try reader.read(segment.text, source: source) { done, total in
            progress(.reading(segment: index, of: count, done: done, total: total))
        }
        prefillSeconds += prefilled.seconds
        if prefilled.fromSnapshot { fromSnapshots += 1 }
        return prefilled
    }

    private mutating func ask(_ prefilled: PrefilledDocument, _ text: String, words: Int, part: String) throws -> String {
        if summarizer.isCancelled() { throw SummaryInterrupted() }
        summarizer.progress(.writing(part: part))
        var settings = AnswerSettings.greedy(maxTokens: min(SummaryRequest.maxTokens(words: words), reading.requestRoom - 256))
        settings.sampling.repetitionPenalty = 1.15
        let answer = try prefilled.answer(text, with: reading, settings: settings)
        generatedTokens += answer.tokens.count
        generateSeconds += answer.seconds
        return answer.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func tokens(_ text: String) -> Int { reading.tokenizer.encode(text, parseSpecial: false).count }

    static func joined(_ parts: [(label: String, summary: String)]) -> String {
        parts.map { "## \($0.label)\n\($0.summary)" }.joined(separator: "\n\n")
    }

    static func lastWords(_ text: String, _ n: Int) -> String {
        let words = text.split(separator: " ")
        return words.count <= n ? text : "… " + words.suffix(n).joined(separator: " ")
    }

    /// The sections a one-segment document is summarized by: its top-level
    /// headed sections, or the children of a lone top-level section.
    static func topSections(of document: Document) -> [Section] {
        let top = document.root.children.filter { $0.heading != nil }
        if top.count == 1, top[0].children.count >= 2 { return top[0].children.filter { $0.heading != nil } }
        return top.count >= 2 ? top : []
    }

    static func citation(of section: Section, label: String) -> String {
        var blocks: [Block] = []
        section.forEachBlock { _, block in blocks.append(block) }
        var segment = Segment(index: 0, sectionPaths: [section.path], chapter: nil, firstBlock: 0, lastBlock: 0,
                              pages: nil, start: nil, end: nil, speakers: [], text: "", tokens: 0)
        Segmenter.describeSources(of: blocks, into: &segment)
        return segment.citation
    }
}

extension DocumentReader {
    /// The same reader without a snapshot store (for texts read once, such as merges).
    var withoutStore: DocumentReader {
        var r = DocumentReader(reading: reading, store: nil, codec: codec, reserve: reserve)
        r.level = level
        return r
    }
}
