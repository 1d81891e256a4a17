/// Recognises speaker labels in transcript lines: `Name: text`,
/// `[00:01:02] Name: text`, `00:01:02 Name: text`, `SPEAKER_1: text`.
enum SpeakerLine {
    struct Match: Equatable {
        var speaker: String
        var time: Double?
        var text: String
    }

    /// Parses one line; nil when it does not start with a speaker label.
    static func parse<S: StringProtocol>(_ line: S) -> Match? {
        var rest = Substring(line.trimmedSpace)
        var time: Double?
        if rest.first == "[" || rest.first == "(", let close = rest.firstIndex(where: { $0 == "]" || $0 == ")" }),
           let t = Timecode.parse(rest[rest.index(after: rest.startIndex)..<close]) {
            time = t
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        } else if let space = rest.firstIndex(of: " "), let t = Timecode.parse(rest[..<space]) {
            time = t
            rest = rest[space...].drop { $0 == " " || $0 == "-" }
        }
        guard let colon = rest.firstIndex(of: ":"), colon > rest.startIndex else { return nil }
        let name = rest[..<colon].trimmedSpace
        let text = rest[rest.index(after: colon)...].trimmedSpace
        guard isSpeakerName(name) else { return nil }
        return Match(speaker: name, time: time, text: text)
    }

    /// Whether `name` has the shape of a speaker label: `SPEAKER_1`, or one to
    /// four capitalized words (`Ana`, `Dr. Ruiz`, `Maria Lopez`) that are not
    /// a field name (`Note`, `Date`) and do not open with a sentence word
    /// (`Digo`, `Look`). Whether the file uses it as a speaker is for
    /// `SpeakerLabels` to decide.
    static func isSpeakerName(_ name: String) -> Bool {
        guard (1...40).contains(name.count), !SpeakerWords.fields.contains(name.lowercased()) else { return false }
        if isNumberedSpeaker(name) { return true }
        let words = name.split(separator: " ")
        guard (1...4).contains(words.count), let first = words.first,
              !SpeakerWords.sentenceOpeners.contains(first.lowercased()) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
        }
    }

    /// A label that names a speaker on its own, even used once: `SPEAKER_1`,
    /// a role (`Chair`, `Interviewer`), or a name of two or more words.
    static func isStrongName(_ name: String) -> Bool {
        guard isSpeakerName(name) else { return false }
        return isNumberedSpeaker(name) || SpeakerWords.roles.contains(name.lowercased()) || name.contains(" ")
    }

    private static func isNumberedSpeaker(_ name: String) -> Bool {
        guard name.uppercased().hasPrefix("SPEAKER") else { return false }
        return name.dropFirst(7).allSatisfy { $0.isNumber || $0 == "_" || $0 == " " || $0 == "-" || $0.isLetter }
    }

    /// True when enough lines carry speaker labels for the text to be a
    /// transcript: at least three lines labelled with speakers the file uses
    /// (see `SpeakerLabels`), two speakers, and labels on at least 40% of the
    /// non-blank lines.
    static func isSpeakerText(_ lines: [TextLine]) -> Bool {
        let nonBlank = lines.prefix(500).filter { !$0.isBlank }
        let matches = nonBlank.compactMap { parse($0.text) }
        let labels = SpeakerLabels(matches.map { ($0.speaker, $0.time != nil) })
        let used = matches.filter { labels.contains($0.speaker) }
        return used.count >= 3 && Set(used.map(\.speaker)).count >= 2 && used.count * 10 >= nonBlank.count * 4
    }
}
