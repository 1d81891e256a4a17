/// Parses plain speaker-labelled transcripts (`Name: text`,
/// `[00:01:02] Name: text`, `SPEAKER_1: text`). Unlabelled lines continue
/// the current utterance; consecutive utterances of one speaker merge into
/// one turn. A turn ends where the next labelled line starts.
struct SpeakerTextParser {
    var spanOffset: Int

    func parse(_ text: String, into builder: inout DocumentBuilder) {
        var turn: (speaker: String?, start: Double?, from: Int, to: Int, text: String)?
        var turns: [(speaker: String?, start: Double?, from: Int, to: Int, text: String)] = []
        for line in LineSplitter.lines(text) where !line.isBlank {
            if let m = SpeakerLine.parse(line.text) {
                if var t = turn, t.speaker == m.speaker {
                    t.text += " " + m.text; t.to = line.end; turn = t
                    continue
                }
                if let t = turn { turns.append(t) }
                turn = (m.speaker, m.time, line.start, line.end, m.text)
            } else if var t = turn {
                t.text += " " + line.trimmed; t.to = line.end; turn = t
            } else {
                turns.append((nil, nil, line.start, line.end, String(line.trimmed)))
            }
        }
        if let t = turn { turns.append(t) }
        for (i, t) in turns.enumerated() {
            let end = turns.dropFirst(i + 1).first { $0.start != nil }?.start
            let kind: BlockKind = t.speaker == nil && t.start == nil ? .paragraph : .turn(speaker: t.speaker, start: t.start, end: t.start == nil ? nil : end)
            builder.add(kind, text: t.text, span: .bytes(part: nil, start: t.from + spanOffset, end: t.to + spanOffset))
        }
    }
}
