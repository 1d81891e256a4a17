/// Merges consecutive cues of one speaker into turns.
///
/// A cue without a label continues the previous speaker when the file names
/// speakers at all, except a second dialogue-dash line, which is someone
/// else and always starts a turn (unnamed if it has no label). A turn also
/// ends at a pause longer than `maxGap` seconds or once it holds
/// `maxCharacters`, so unlabelled subtitles become paragraph-sized turns
/// rather than one block.
struct TurnMerger {
    var maxGap: Double = 8
    var maxCharacters = 1200

    func merge(_ cues: [Cue], into builder: inout DocumentBuilder) {
        let named = cues.contains { $0.speaker != nil }
        var current: (speaker: String?, start: Double, end: Double, first: Int, last: Int, text: String)?
        var speaker: String?
        for cue in cues {
            let text = TextCleaner.collapse(cue.text)
            guard !text.isEmpty else { continue }
            if let s = cue.speaker { speaker = s } else if !named || cue.changesSpeaker { speaker = nil }
            if var c = current, !cue.changesSpeaker, c.speaker == speaker, cue.start - c.end <= maxGap, c.text.count + text.count < maxCharacters {
                c.text += " " + text
                c.end = max(c.end, cue.end)
                c.last = cue.index
                current = c
                continue
            }
            if let c = current { emit(c, &builder) }
            current = (speaker, cue.start, cue.end, cue.index, cue.index, text)
        }
        if let c = current { emit(c, &builder) }
    }

    private func emit(_ c: (speaker: String?, start: Double, end: Double, first: Int, last: Int, text: String),
                      _ builder: inout DocumentBuilder) {
        builder.addRaw(.turn(speaker: c.speaker, start: c.start, end: c.end), text: c.text,
                       span: .cues(first: c.first, last: c.last))
    }
}
