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
        let perGroup = chaptersPerGroup(parts)
        var groups: [[PartSummary]] = [[]]
        for part in parts {
            let candidate = groups[groups.count - 1] + [part]
            if groups[groups.count - 1].isEmpty
                || tokens(MergeText(candidate).text) <= min(budget, ReadingModel.segmentLimit)
                && fitsStory(candidate, level: level, chapters: perGroup) {
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
            mergeWriter.interrupt = writer.interrupt
            let units = GroundedWriter.documentUnits(reading: reading, text: input.text, spans: input.spans)
            let summary = try write(request.render(prompts.merge, previous: SummaryRequest.lastWords(previous, 150)),
                                    after: prefilled, units: units, scope: Set(input.units.indices),
                                    words: groupWords(group.count, of: parts.count, level: level),
                                    part: "merge \(i + 1)/\(groups.count)", with: mergeWriter)
            merged.append(PartSummary(label: "Parts \(i + 1)", location: group.map(\.location).joined(separator: "; "),
                                      firstBlock: group[0].firstBlock, lastBlock: group[group.count - 1].lastBlock,
                                      summary: Self.withoutCopiedHeadings(summary, labels: group.map(\.label))))
            previous = summary.plainText
        }
        if merged.count == 1 { return merged[0].summary }
        if isStory(level) {   // a book's groups follow one another: told in order, not merged again
            return SummaryText(points: merged.flatMap { Self.outdented($0.summary.points) },
                               dropped: merged.flatMap(\.summary.dropped))
        }
        return try merge(merged, level: level + 1)
    }

    /// A merge without the part headings the model copied from its input
    /// ("## [0:02–3:14]"): they name one part, not what the merged points hold.
    static func withoutCopiedHeadings(_ text: SummaryText, labels: [String]) -> SummaryText {
        func key(_ s: String) -> String { s.filter { $0.isLetter || $0.isNumber } .lowercased() }
        let copied = Set(labels.map(key))
        var out = text
        for i in out.points.indices where out.points[i].heading.map({ copied.contains(key($0)) }) == true {
            out.points[i].heading = nil
        }
        return out
    }

    /// A group's points with its shallowest list items at the top level, so
    /// groups told one after another read as one list.
    static func outdented(_ points: [SummaryPoint]) -> [SummaryPoint] {
        let depths = points.compactMap { p -> Int? in if case let .item(d, _) = p.style { return d } else { return nil } }
        guard let least = depths.min(), least > 0 else { return points }
        return points.map { p in
            guard case let .item(d, n) = p.style else { return p }
            var q = p
            q.style = .item(depth: d - least, number: n)
            return q
        }
    }

    /// Fewest words a book's group is told in: below it a group says nothing.
    static let storyGroupWords = 25

    /// Chapters per merge group of a book: one, so that every chapter is told
    /// (a small model asked to merge two or more tells only the first), unless
    /// the summary's length cannot give each chapter `storyGroupWords`.
    func chaptersPerGroup(_ parts: [PartSummary]) -> Int {
        let chapters = Set(parts.map { $0.chapter ?? $0.label }).count
        let groups = max(2, request.words / Self.storyGroupWords)
        return max(1, (chapters + groups - 1) / groups)
    }

    /// A book's first merge level, whose groups are told one after another.
    private func isStory(_ level: Int) -> Bool { request.genre == .book && level == 1 }

    /// Whether a merge group of a book stays within `chapters` chapters.
    private func fitsStory(_ group: [PartSummary], level: Int, chapters: Int) -> Bool {
        guard isStory(level) else { return true }
        return Set(group.map { $0.chapter ?? $0.label }).count <= chapters
    }

    /// Words asked of a merge group: the summary's length, or for a book's
    /// groups (told in order) their share of it.
    private func groupWords(_ count: Int, of total: Int, level: Int) -> Int {
        guard isStory(level) else { return request.words }
        return max(Self.storyGroupWords, request.words * count / max(1, total))
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
