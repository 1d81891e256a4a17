/// Parses plain speaker-labelled transcripts (`Name: text`,
/// `[00:01:02] Name: text`, `SPEAKER_1: text`) whose labels the file uses
/// as speakers (`SpeakerLabels`). Unlabelled lines continue
/// the current utterance; consecutive utterances of one speaker merge into
/// one turn. A turn ends where the next labelled line starts.
///
/// Linear in the text: a turn's text grows in place (a copied tuple used to
/// copy the whole turn per line) and each turn's end time comes from one
/// backward pass (each turn used to search all later turns).
struct SpeakerTextParser {
    var spanOffset: Int

    private struct Turn {
        var speaker: String?
        var start: Double?
        var from: Int
        var to: Int
        var text: String
    }

    func parse(_ text: String, into builder: inout DocumentBuilder) {
        let turns = self.turns(text)
        var nextStart: Double?
        var ends = [Double?](repeating: nil, count: turns.count)
        for i in turns.indices.reversed() {
            ends[i] = nextStart
            if let start = turns[i].start { nextStart = start }
        }
        for (t, end) in zip(turns, ends) {
            let kind: BlockKind = t.speaker == nil && t.start == nil ? .paragraph
                : .turn(speaker: t.speaker, start: t.start, end: t.start == nil ? nil : end)
            builder.add(kind, text: t.text, span: .bytes(part: nil, start: t.from + spanOffset, end: t.to + spanOffset))
            if builder.isOverBudget { return }
        }
    }

    private func turns(_ text: String) -> [Turn] {
        let lines = LineSplitter.lines(text).filter { !$0.isBlank }
        let matches = lines.map { SpeakerLine.parse($0.text) }
        let labels = SpeakerLabels(matches.compactMap { $0.map { ($0.speaker, $0.time != nil) } })
        var turn: Turn?
        var turns: [Turn] = []
        for (line, match) in zip(lines, matches) {
            if let m = match, labels.contains(m.speaker) {
                if turn != nil, turn?.speaker == m.speaker {
                    turn?.text += " " + m.text
                    turn?.to = line.end
                    continue
                }
                if let t = turn { turns.append(t) }
                turn = Turn(speaker: m.speaker, start: m.time, from: line.start, to: line.end, text: m.text)
            } else if turn != nil {
                turn?.text += " " + line.trimmed
                turn?.to = line.end
            } else {
                turns.append(Turn(speaker: nil, start: nil, from: line.start, to: line.end, text: String(line.trimmed)))
            }
        }
        if let t = turn { turns.append(t) }
        return turns
    }
}
