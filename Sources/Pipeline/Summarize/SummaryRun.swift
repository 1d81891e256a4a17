import Foundation
import Ingest
import Inference

/// The state of summarizing one document: the part summaries so far and
/// the counts and times that go into its outputs.
struct SummaryRun {
    let summarizer: DocumentSummarizer
    let prompts: GenrePrompts
    let request: SummaryRequest
    let document: Document
    let index: SourceIndex
    /// Writes about the document's own text; its units are the source blocks.
    let writer: GroundedWriter
    var sections: [PartSummary] = []
    var fromSnapshots = 0
    var generatedTokens = 0
    var prefillSeconds = 0.0
    var generateSeconds = 0.0

    init(summarizer: DocumentSummarizer, prompts: GenrePrompts, request: SummaryRequest, document: Document) {
        self.summarizer = summarizer
        self.prompts = prompts
        self.request = request
        self.document = document
        index = SourceIndex(document)
        var sampling = SamplingOptions.greedy
        sampling.repetitionPenalty = summarizer.settings.repetitionPenalty
        sampling.noRepeatNGram = summarizer.settings.noRepeatNGram
        var writer = GroundedWriter(reading: summarizer.reading, units: CitableUnit.blocks(of: index),
                                source: Claims.Source(Self.sourceText(document, index)),
                                policy: summarizer.settings.unsupported, method: summarizer.settings.citations,
                                sampling: sampling)
        writer.speakers = Set(SpeakerActivity.of(document).map(\.name))
        writer.compareMethods = summarizer.settings.compareCitations
        writer.interrupt = summarizer.isCancelled
        self.writer = writer
    }

    var reading: ReadingModel { summarizer.reading }

    /// Everything the document states that a summary may repeat: title, authors, headings and blocks.
    static func sourceText(_ document: Document, _ index: SourceIndex) -> String {
        let blocks = index.entries.map(\.block.labelledText)
        return ([document.metadata.title ?? "", document.metadata.authors.joined(separator: ", ")]
            + document.sections.compactMap(\.heading) + blocks).joined(separator: "\n")
    }

    /// Every segment read once (or loaded from its snapshot, which later
    /// questions use); each of its parts summarized on its own reading, so a
    /// small model cannot drift back to the segment's opening.
    mutating func summarizeParts(_ segments: [Segment]) throws {
        let planner = PartPlanner(count: { [reading] in reading.tokenizer.encode($0, parseSpecial: false).count },
                                  keepChaptersApart: request.genre == .book)
        for segment in segments {
            let prefilled = try read(segment, of: segments.count)
            let parts = planner.parts(of: index.entries(from: segment.firstBlock, to: segment.lastBlock),
                                      metadata: document.metadata, title: SourceIndex.commonTitle(document))
            let total = max(1, parts.reduce(0) { $0 + $1.tokens })
            for (i, part) in parts.enumerated() {
                let label = Self.label(of: part, among: parts, at: i)
                let words = Self.partWords(request.words, part: part.tokens, of: total, parts: parts.count)
                let reading = parts.count == 1 ? (prefilled, documentUnits(segment)) : try readAlone(part)
                let summary = try summarize(part, label: label, words: words, after: reading)
                sections += try bySection(part, summary, words: words, planner: planner) ?? [summary]
            }
        }
    }

    /// One part's summary, written after `reading` (the part's own prefill,
    /// or its segment's when the segment is one part).
    mutating func summarize(_ part: Segment, label: String, words: Int,
                            after reading: (PrefilledDocument, [Int32])) throws -> PartSummary {
        var partRequest = request
        partRequest.words = words
        let instruction = partRequest.render(prompts.section, section: label)
        let scope = Set(index.entries(from: part.firstBlock, to: part.lastBlock).compactMap { index.position(block: $0.block.id) })
        let text = try write(instruction, after: reading.0, units: reading.1, scope: scope, words: words, part: label)
        return PartSummary(label: label, location: part.citation, firstBlock: part.firstBlock,
                           lastBlock: part.lastBlock, summary: text, chapter: part.chapter)
    }

    /// The part summarized again one section at a time when its summary cites
    /// fewer than half of its three or more sections (a small model asked
    /// about six short articles may write only about the last); nil when the
    /// summary covers the part well enough or no section yields a point.
    mutating func bySection(_ part: Segment, _ summary: PartSummary, words: Int, planner: PartPlanner) throws -> [PartSummary]? {
        let entries = index.entries(from: part.firstBlock, to: part.lastBlock)
        guard Self.coversTooFewSections(summary.summary, entries: entries) else { return nil }
        let pieces = planner.sections(of: entries, metadata: document.metadata, title: SourceIndex.commonTitle(document))
        guard pieces.count > 1 else { return nil }
        var out: [PartSummary] = []
        for piece in pieces {
            let share = Self.partWords(words, part: piece.tokens, of: max(1, part.tokens), parts: pieces.count)
            out.append(try summarize(piece, label: piece.label, words: share, after: try readAlone(piece)))
        }
        // A section the model found nothing to say about is left out, as it was from the part's summary.
        var told = out.filter { !$0.summary.points.isEmpty }
        guard !told.isEmpty else { return nil }
        told[0].summary.dropped += out.filter { $0.summary.points.isEmpty }.flatMap(\.summary.dropped)
        return told
    }

    /// Whether `summary` cites blocks of fewer than half of the sections
    /// `entries` lie in, when they lie in three or more.
    static func coversTooFewSections(_ summary: SummaryText, entries: ArraySlice<SourceIndex.Entry>) -> Bool {
        let sections = Set(entries.map(\.path))
        guard sections.count >= 3 else { return false }
        let sectionOf = Dictionary(entries.map { ($0.block.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        let cited = Set(summary.points.flatMap(\.citations).compactMap { sectionOf[$0.block] })
        return cited.count * 2 < sections.count
    }

    /// A book's chapters: the points of each chapter's parts, in order.
    func chapters() -> [PartSummary] {
        var out: [PartSummary] = []
        for part in sections {
            if let last = out.last, last.chapter != nil, last.chapter == part.chapter {
                let earlier = out[out.count - 1].summary.points.map { Set(Lexicon.words($0.text)) }
                out[out.count - 1].summary.points += part.summary.points.filter { p in
                    !earlier.contains { DraftPoints.nearDuplicate($0, Set(Lexicon.words(p.text))) }
                }
                out[out.count - 1].summary.dropped += part.summary.dropped
                out[out.count - 1].lastBlock = part.lastBlock
                out[out.count - 1].location += "; " + part.location
            } else {
                var chapter = part
                chapter.label = part.chapter ?? part.label
                out.append(chapter)
            }
        }
        return out
    }

    /// Words asked of a part: a share of twice the summary's length in
    /// proportion to the part's size, between 25 and 100.
    static func partWords(_ words: Int, part: Int, of total: Int, parts: Int) -> Int {
        let share = Double(words * 2) * Double(part) / Double(total)
        return max(25, min(100, Int(share.rounded()), words))
    }

    /// What a part is called: its sections, or its times for a transcript; windows of one section numbered.
    static func label(of part: Segment, among parts: [Segment], at i: Int) -> String {
        if part.sectionPaths.isEmpty, let start = part.start {
            return "[\(Timecode.compact(start))" + (part.end.map { "–\(Timecode.compact($0))" } ?? "") + "]"
        }
        let same = parts.indices.filter { parts[$0].label == part.label }
        guard same.count > 1, let k = same.firstIndex(of: i) else { return part.label }
        return "\(part.label) (\(k + 1)/\(same.count))"
    }

    // MARK: - Steps

    mutating func read(_ segment: Segment, of count: Int, store: Bool = true) throws -> PrefilledDocument {
        if summarizer.isCancelled() { throw SummaryInterrupted() }
        let progress = summarizer.progress, index = segment.index
        let reader = store ? summarizer.reader : summarizer.reader.withoutStore
        let source = count == 1 ? document.metadata.source : "\(document.metadata.source) [part \(index + 1)/\(count)]"
        let prefilled = try reader.read(segment.text, source: source) { done, total in
            progress(.reading(segment: index, of: count, done: done, total: total))
        }
        prefillSeconds += prefilled.seconds
        if prefilled.fromSnapshot { fromSnapshots += 1 }
        return prefilled
    }

    mutating func write(_ text: String, after prefilled: PrefilledDocument,
                        units: [Int32], scope: Set<Int>, words: Int, part: String,
                        with writer: GroundedWriter? = nil) throws -> SummaryText {
        if summarizer.isCancelled() { throw SummaryInterrupted() }
        summarizer.progress(.writing(part: part))
        let maxTokens = min(SummaryRequest.maxTokens(words: words), reading.requestRoom - 256)
        let request = WritingRequest(text: text, scope: scope, words: words, maxTokens: maxTokens)
        let (summary, answer) = try (writer ?? self.writer).write(request, after: prefilled, documentUnits: units)
        generatedTokens += answer.tokens.count
        generateSeconds += answer.seconds
        if answer.stopReason == .interrupted { throw SummaryInterrupted() }
        return summary
    }

    /// A part read into a context of its own (not stored: the segment's snapshot serves questions).
    mutating func readAlone(_ part: Segment) throws -> (PrefilledDocument, [Int32]) {
        if summarizer.isCancelled() { throw SummaryInterrupted() }
        let prefilled = try summarizer.reader.withoutStore.read(part.text, source: "part")
        prefillSeconds += prefilled.seconds
        return (prefilled, documentUnits(part))
    }

    func documentUnits(_ segment: Segment) -> [Int32] {
        GroundedWriter.documentUnits(reading: reading, text: segment.text,
                                     spans: TokenPlacement.spans(segment.blockSpans ?? [], in: index))
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
