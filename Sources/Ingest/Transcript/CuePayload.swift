/// The text lines of one cue, split into what each speaker says.
///
/// A line opened by a dialogue dash (`- Hi.`, `-¿Sí?`, `– Bien.`) starts
/// another speaker's part; other lines continue the part before them. Each
/// part may carry its own `Name:` (or `[Name]`) label, so "- Alice: hi" and
/// "- Bob: hello" in one cue are credited to each. Parts after the first
/// are marked `changesSpeaker`: unlabelled, they are still someone else.
/// Labels in a cue of two or more parts are `certain`: a dialogue names its
/// speakers.
enum CuePayload {
    static func cues(_ payload: [String], index: Int, start: Double, end: Double) -> [Cue] {
        var parts: [String] = []
        for raw in payload {
            let line = CueText.strip(raw).trimmedSpace
            guard !line.isEmpty else { continue }
            if let spoken = afterDialogueDash(line) {
                parts.append(spoken)
            } else if parts.isEmpty {
                parts.append(line)
            } else {
                parts[parts.count - 1] += " " + line
            }
        }
        if parts.isEmpty { return [Cue(index: index, start: start, end: end, speaker: nil, text: "")] }
        return parts.enumerated().map { k, text in
            var cue = labelled(text, index: index, start: start, end: end)
            cue.changesSpeaker = k > 0
            cue.certain = parts.count > 1 && cue.speaker != nil
            return cue
        }
    }

    /// The line without its dialogue dash; nil when it has none. A dash
    /// before a digit or another dash (`-5 °C`, `--`) is not one.
    static func afterDialogueDash(_ line: String) -> String? {
        guard let first = line.first, first == "-" || first == "–" || first == "—" else { return nil }
        let rest = line.dropFirst()
        if let next = rest.first, next.isASCIIDigit || next == "-" || next == "–" || next == "—" { return nil }
        let spoken = rest.trimmedSpace
        return spoken.isEmpty ? nil : spoken
    }

    /// One speaker's text: a leading `Name:` or `[Name]` label, if any, is
    /// taken as its speaker (a candidate `SpeakerLabels` confirms later).
    private static func labelled(_ text: String, index: Int, start: Double, end: Double) -> Cue {
        var cue = Cue(index: index, start: start, end: end, speaker: nil, text: text)
        if let m = SpeakerLine.parse(text), m.time == nil {
            (cue.speaker, cue.text, cue.labelledText) = (m.speaker, m.text, text)
        } else if let (name, rest) = bracketedSpeaker(text) {
            (cue.speaker, cue.text, cue.labelledText) = (name, rest, text)
        }
        return cue
    }

    /// "[Alba] En 1928" (subtitles for the deaf name speakers in brackets).
    private static func bracketedSpeaker(_ text: String) -> (String, String)? {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close].trimmedSpace
        let rest = text[text.index(after: close)...].trimmedSpace
        guard SpeakerLine.isSpeakerName(name), !rest.isEmpty else { return nil }
        return (name, rest)
    }
}
