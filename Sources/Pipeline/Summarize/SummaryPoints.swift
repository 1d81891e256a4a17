import Foundation
import Ingest

enum SummaryPoints {
    /// The sentences of `summary`, each citing the part whose summary
    /// matches it best (no citation when nothing matches or there are no parts).
    static func cite(_ summary: String, parts: [PartSummary]) -> [SummaryPoint] {
        let index = BM25(parts.map(\.summary))
        return sentences(summary).map { sentence in
            SummaryPoint(text: sentence, citation: index.best(sentence, count: 1).first.map { parts[$0].citation })
        }
    }

    /// `text` split after `.`, `!` or `?` followed by whitespace, and at line breaks.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        let chars = Array(text)
        for (i, ch) in chars.enumerated() {
            if ch == "\n" {
                out.append(current)
                current = ""
                continue
            }
            current.append(ch)
            if ".!?".contains(ch), i + 1 < chars.count, chars[i + 1] == " " {
                out.append(current)
                current = ""
            }
        }
        out.append(current)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension SpeakerActivity {
    /// The speakers of `document`'s transcript turns, in order of first appearance.
    static func of(_ document: Document) -> [SpeakerActivity] {
        var order: [String] = [], stats: [String: SpeakerActivity] = [:]
        for block in document.blocks {
            guard case let .turn(speaker?, start, _) = block.kind else { continue }
            let time = start.map(Timecode.compact)
            if stats[speaker] == nil {
                order.append(speaker)
                stats[speaker] = SpeakerActivity(name: speaker, turns: 0, firstSpoke: time, lastSpoke: time)
            }
            stats[speaker]!.turns += 1
            if let time { stats[speaker]!.lastSpoke = time }
        }
        return order.compactMap { stats[$0] }
    }
}
