/// Decides which of a file's candidate labels (`Name:` or `[Name]` at the
/// start of a line, shaped like a name per `SpeakerLine.isSpeakerName`) are
/// its speakers.
///
/// One capitalized word followed by a colon is as likely a sentence opening
/// in some language ("Digo: …", "Ecco: …") as a name, so a single word must
/// recur as a label, or the file must have an established speaker (a label
/// that recurs, a role such as `Chair`, a name of two words, `SPEAKER_1`, a
/// timestamped label). A single word used once in a file with no
/// established speaker is text. Sentence openers are refused earlier, in
/// `SpeakerLine.isSpeakerName`, however often they recur.
struct SpeakerLabels {
    private let accepted: Set<String>

    /// `candidates`: every candidate label in file order, each `certain`
    /// when something besides its shape marks it a speaker (a timestamp
    /// before it, a WebVTT voice).
    init(_ candidates: [(label: String, certain: Bool)]) {
        var uses: [String: Int] = [:]
        var strong = Set<String>()
        for (label, certain) in candidates {
            uses[label, default: 0] += 1
            if certain || SpeakerLine.isStrongName(label) { strong.insert(label) }
        }
        let recurring = Set(uses.filter { $0.value >= 2 }.keys)
        let established = !strong.isEmpty || !recurring.isEmpty
        accepted = established ? Set(uses.keys) : []
    }

    /// Whether `label` is one of the file's speakers.
    func contains(_ label: String) -> Bool { accepted.contains(label) }
}
