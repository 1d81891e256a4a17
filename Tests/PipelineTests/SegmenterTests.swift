import Foundation
import Ingest
import Testing
@testable import Pipeline

/// Splitting documents into segments, with a word count standing in for the tokenizer.
@Suite("Segmenting documents")
struct SegmenterTests {
    static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }

    static func paragraph(_ n: Int, _ word: String = "lamp") -> String {
        Array(repeating: word, count: n).joined(separator: " ") + "."
    }

    /// Chapters of `sizes[i]` paragraphs of 20 words each.
    static func book(_ sizes: [Int]) -> Document {
        var id = 0
        let chapters = sizes.enumerated().map { c, n in
            Section(heading: "Chapter \(c + 1)", level: 1, path: ["Chapter \(c + 1)"], blocks: (0..<n).map { _ in
                defer { id += 1 }
                return Block(id: id, kind: .paragraph, text: paragraph(20), span: .page(id / 3 + 1))
            })
        }
        return Document(metadata: Metadata(source: "book.epub", title: "A Book", format: .epub),
                        root: Section(heading: nil, level: 0, path: [], children: chapters), contentHash: "x")
    }

    @Test func everySegmentFitsAndEveryBlockIsKeptOnceInOrder() {
        let document = Self.book([7, 2, 9, 4])
        let segments = Segmenter(budget: 120, breakAtChapters: false, count: Self.words).segments(of: document)
        #expect(segments.count > 1)
        #expect(segments.allSatisfy { $0.tokens <= 120 })
        #expect(segments.map(\.firstBlock).first == 0 && segments.last?.lastBlock == 21)
        for (a, b) in zip(segments, segments.dropFirst()) { #expect(b.firstBlock == a.lastBlock + 1) }
        #expect(segments.allSatisfy { $0.pages != nil })
    }

    @Test func chaptersNeverShareASegmentWhenAsked() {
        let document = Self.book([2, 2, 2])
        let together = Segmenter(budget: 400, breakAtChapters: false, count: Self.words).segments(of: document)
        let apart = Segmenter(budget: 400, breakAtChapters: true, count: Self.words).segments(of: document)
        #expect(together.count == 1)
        #expect(apart.map(\.chapter) == ["Chapter 1", "Chapter 2", "Chapter 3"])
        #expect(apart[1].citation.hasPrefix("Chapter 2, pp. "))
    }

    @Test func aSectionThatFitsASegmentOfItsOwnIsNotCut() {
        // 3 paragraphs of chapter 1 (60 words), then a 5-paragraph chapter 2 (100 words), budget ~120.
        let segments = Segmenter(budget: 135, breakAtChapters: false, count: Self.words).segments(of: Self.book([3, 5]))
        #expect(segments.count == 2)
        #expect(segments[1].sectionPaths == [["Chapter 2"]])
    }

    @Test func anOversizedBlockIsCutAtSentenceEnds() {
        let long = (0..<30).map { "Sentence number \($0) is here." }.joined(separator: " ")
        let document = Document(metadata: Metadata(source: "a.txt", format: .plainText),
                                root: Section(heading: nil, level: 0, path: [],
                                              blocks: [Block(id: 0, kind: .paragraph, text: long, span: .bytes(part: nil, start: 0, end: 1))]),
                                contentHash: "x")
        let segments = Segmenter(budget: 64, breakAtChapters: false, count: Self.words).segments(of: document)
        #expect(segments.count > 1 && segments.allSatisfy { $0.tokens <= 64 })
        let rejoined = segments.map { $0.text }.joined(separator: " ")
        #expect((0..<30).allSatisfy { rejoined.contains("Sentence number \($0) is here.") })
        #expect(segments[0].label == "Part 1")
    }

    @Test func textWithoutSpacesIsCutByCharacters() {
        let blob = String(repeating: "QUJDRA", count: 400)  // 2,400 characters, no space or sentence end
        let document = Document(metadata: Metadata(source: "a.md", format: .markdown),
                                root: Section(heading: nil, level: 0, path: [],
                                              blocks: [Block(id: 0, kind: .paragraph, text: blob, span: .bytes(part: nil, start: 0, end: 1))]),
                                contentHash: "x")
        let perTenCharacters: (String) -> Int = { ($0.count + 9) / 10 }
        let segments = Segmenter(budget: 80, breakAtChapters: false, count: perTenCharacters).segments(of: document)
        #expect(segments.count > 3)
        #expect(segments.allSatisfy { $0.tokens <= 80 })
        #expect(segments.map(\.text).joined().filter { $0 != "\n" }.contains(String(blob.prefix(500))))
    }

    /// A lease of six short articles: one part; its summary cited from one
    /// article only is redone section by section, one part per article.
    @Test func aPartWhoseSummaryLeavesMostSectionsOutIsCutBySection() {
        let document = Self.book([2, 1, 1, 1, 1, 1])
        let index = SourceIndex(document)
        let entries = index.entries(from: 0, to: 6)
        let planner = PartPlanner(count: Self.words)
        #expect(planner.parts(of: entries, metadata: document.metadata).count == 1)
        let bySection = planner.sections(of: entries, metadata: document.metadata)
        #expect(bySection.map(\.label) == (1...6).map { "Chapter \($0)" })
        #expect(bySection.map(\.firstBlock) == [0, 2, 3, 4, 5, 6] && bySection.map(\.lastBlock) == [1, 2, 3, 4, 5, 6])
        func summary(citing blocks: [Int]) -> SummaryText {
            SummaryText(points: blocks.map { SummaryPoint(text: "The lamp is lit.", citations: [Citation(block: $0, location: "")]) })
        }
        #expect(SummaryRun.coversTooFewSections(summary(citing: [6, 6]), entries: entries))
        #expect(SummaryRun.coversTooFewSections(summary(citing: [0, 1, 3]), entries: entries))
        #expect(!SummaryRun.coversTooFewSections(summary(citing: [0, 3, 6]), entries: entries))
        #expect(!SummaryRun.coversTooFewSections(summary(citing: [0]), entries: index.entries(from: 0, to: 2)))
    }

    @Test func summaryLengthsAreBounded() {
        #expect(SummaryLength("50000") == .words(50_000))
        #expect(SummaryLength("50001") == nil && SummaryLength("9223372036854775807") == nil && SummaryLength("0") == nil)
    }

    @Test func transcriptSegmentsCarryTimesAndSpeakers() {
        let turns = (0..<12).map { i in
            Block(id: i, kind: .turn(speaker: i % 2 == 0 ? "Ana" : "Ben", start: Double(i * 30), end: Double(i * 30 + 25)),
                  text: Self.paragraph(15, "harvest"), span: .cues(first: i + 1, last: i + 1))
        }
        let document = Document(metadata: Metadata(source: "call.srt", format: .srt),
                                root: Section(heading: nil, level: 0, path: [], blocks: turns), contentHash: "x")
        let segments = Segmenter(budget: 100, breakAtChapters: false, count: Self.words).segments(of: document)
        #expect(segments.count > 1)
        #expect(segments[0].speakers == ["Ana", "Ben"])
        #expect(segments[0].citation.contains("[0:00–"))
        #expect(segments.last?.end == 355)
    }
}

@Suite("Ranking and citing")
struct RankingTests {
    @Test func bm25PrefersTheTextAboutTheQuestion() {
        let index = BM25(["The lamp is cleaned every month.", "The Trust pays 1,200 pounds per quarter for maintenance.",
                          "Storms of force nine require an inspection."])
        #expect(index.best("How much does the Trust pay each quarter?", count: 1) == [1])
        #expect(index.best("zebra", count: 2).isEmpty)
        let passages = (0..<3).map { Passage(document: "d", citation: "c\($0)", text: ["lamp", "fees", "storm"][$0], position: $0, of: 3) }
        #expect(QuestionAnswerer.relevant(passages, to: "storm and lamp", count: 2).map(\.position) == [0, 2])
        #expect(QuestionAnswerer.relevant(passages, to: "nothing", count: 1).map(\.position) == [0])
    }
}
