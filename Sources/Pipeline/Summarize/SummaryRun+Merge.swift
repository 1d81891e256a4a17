import Foundation
import Inference

extension SummaryRun {
    /// The summary of the whole document: its parts' summaries merged, or —
    /// for a short document read as one part — asked of the document itself.
    mutating func overall(from parts: [PartSummary], segments: [Segment]) throws -> SummaryText {
        guard parts.count <= 1, segments.count == 1 else { return try merge(parts) }
        let prefilled = try read(segments[0], of: 1)
        return try write(request.render(prompts.summary), after: prefilled, units: documentUnits(segments[0]),
                         scope: Set(index.entries.indices), words: request.words, part: "summary")
    }

    /// One summary of `parts`, merged in groups that fit the context, each
    /// group told the merged summary of the groups before it. The merged
    /// points cite what the part points they come from cite.
    mutating func merge(_ parts: [PartSummary], level: Int = 1) throws -> SummaryText {
        if parts.count == 1 { return parts[0].summary }
        summarizer.progress(.merging(level: level))
        let budget = reading.contextLength - reading.requestRoom - reading.encode(reading.framing.document("")).count
        var groups: [[PartSummary]] = [[]]
        for part in parts {
            let candidate = groups[groups.count - 1] + [part]
            if groups[groups.count - 1].isEmpty
                || tokens(MergeText(candidate).text) <= min(budget, ReadingModel.segmentLimit) && fitsStory(candidate, level: level) {
                groups[groups.count - 1] = candidate
            } else {
                groups.append([part])
            }
        }
        var merged: [PartSummary] = [], previous = ""
        for (i, group) in groups.enumerated() {
            let input = MergeText(group, index: index)
            let prefilled = try summarizer.reader.withoutStore.read(input.text, source: "merge")
            prefillSeconds += prefilled.seconds
            var mergeWriter = GroundedWriter(reading: reading, units: input.units, source: writer.source,
                                             policy: writer.policy, method: writer.method, sampling: writer.sampling)
            mergeWriter.speakers = writer.speakers
            mergeWriter.compareMethods = writer.compareMethods
            let units = GroundedWriter.documentUnits(reading: reading, text: input.text, spans: input.spans)
            let summary = try write(request.render(prompts.merge, previous: SummaryRequest.lastWords(previous, 150)),
                                    after: prefilled, units: units, scope: Set(input.units.indices),
                                    words: groupWords(group.count, of: parts.count, level: level),
                                    part: "merge \(i + 1)/\(groups.count)", with: mergeWriter)
            merged.append(PartSummary(label: "Parts \(i + 1)", location: group.map(\.location).joined(separator: "; "),
                                      firstBlock: group[0].firstBlock, lastBlock: group[group.count - 1].lastBlock,
                                      summary: summary))
            previous = summary.plainText
        }
        if merged.count == 1 { return merged[0].summary }
        if isStory(level) {   // a book's groups follow one another: told in order, not merged again
            return SummaryText(points: merged.flatMap(\.summary.points), dropped: merged.flatMap(\.summary.dropped))
        }
        return try merge(merged, level: level + 1)
    }

    /// Chapters per merge group of a book: a small model asked to merge many
    /// chapters at once tells only the first ones.
    static let chaptersPerGroup = 2

    /// A book's first merge level, whose groups are told one after another.
    private func isStory(_ level: Int) -> Bool { request.genre == .book && level == 1 }

    /// Whether a merge group of a book stays within `chaptersPerGroup` chapters.
    private func fitsStory(_ group: [PartSummary], level: Int) -> Bool {
        guard isStory(level) else { return true }
        return Set(group.map { $0.chapter ?? $0.label }).count <= Self.chaptersPerGroup
    }

    /// Words asked of a merge group: the summary's length, or for a book's
    /// groups (told in order) their share of it.
    private func groupWords(_ count: Int, of total: Int, level: Int) -> Int {
        guard isStory(level) else { return request.words }
        return max(40, request.words * count / max(1, total))
    }

    private func tokens(_ text: String) -> Int { reading.tokenizer.encode(text, parseSpecial: false).count }
}

/// Part summaries laid out for a merge: a heading per part, one line per
/// point, each point a citable unit passing on its citations.
struct MergeText {
    let text: String
    let units: [CitableUnit]
    let spans: [TokenPlacement.Span]

    /// - Parameter index: the source, whose cited blocks stand behind each point.
    init(_ parts: [PartSummary], index: SourceIndex? = nil) {
        var text = "", units: [CitableUnit] = [], spans: [TokenPlacement.Span] = []
        for part in parts {
            text += (text.isEmpty ? "" : "\n") + "## \(part.label)\n"
            for point in part.summary.points {
                let line = (point.label.map { "\($0): " } ?? "") + point.text
                let start = text.utf8.count + 2
                text += "- " + line + "\n"
                spans.append(TokenPlacement.Span(unit: units.count, start: start, end: start + line.utf8.count))
                let evidence = point.citations.compactMap { index?.entry(block: $0.block)?.block.text }.joined(separator: " ")
                units.append(CitableUnit(text: line, citations: point.citations, evidence: evidence))
            }
        }
        self.text = text
        self.units = units
        self.spans = spans
    }
}
