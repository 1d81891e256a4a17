/// One subtitle cue, or one speaker's part of a cue (a WebVTT voice, a
/// dialogue-dash line).
struct Cue {
    /// 1-based position of the cue in the file.
    var index: Int
    var start: Double
    var end: Double
    var speaker: String?
    var text: String
    /// For a `speaker` read from a `Name:` or `[Name]` label, the text with
    /// the label: what the cue says if the file turns out not to use that
    /// label as a speaker (see `SpeakerLabels`). Nil for WebVTT voices.
    var labelledText: String?
    /// The speaker is known from more than the label's shape: a WebVTT
    /// voice, or a label on one line of a dialogue with dashes.
    var certain = false
    /// Said by someone other than the line before it in the cue (a second
    /// dialogue dash): without a label it does not continue that speaker.
    var changesSpeaker = false
}

extension [Cue] {
    /// Drops the labels the file does not use as speakers (`SpeakerLabels`),
    /// putting them back into the text.
    mutating func resolveSpeakerLabels() {
        let labels = SpeakerLabels(compactMap { cue in cue.speaker.map { ($0, cue.certain) } })
        for i in indices {
            guard let speaker = self[i].speaker, let full = self[i].labelledText, !labels.contains(speaker) else { continue }
            self[i].speaker = nil
            self[i].text = full
            self[i].labelledText = nil
        }
    }
}
