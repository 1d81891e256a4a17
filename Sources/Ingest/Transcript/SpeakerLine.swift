/// Recognises speaker labels in transcript lines: `Name: text`,
/// `[00:01:02] Name: text`, `00:01:02 Name: text`, `SPEAKER_1: text`.
enum SpeakerLine {
    struct Match: Equatable {
        var speaker: String
        var time: Double?
        var text: String
    }

    private static let notSpeakers: Set<String> = [
        "note", "notes", "warning", "example", "title", "date", "subject", "re", "from", "to", "cc", "time",
        "location", "attendees", "agenda", "http", "https", "q", "a", "summary", "action", "todo", "tip",
        "chapter", "article", "section", "step", "phone", "email", "tel", "fax", "url", "version",
    ]

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

    static func isSpeakerName(_ name: String) -> Bool {
        guard (1...40).contains(name.count), !notSpeakers.contains(name.lowercased()) else { return false }
        let upper = name.uppercased()
        if upper.hasPrefix("SPEAKER") {
            return name.dropFirst(7).allSatisfy { $0.isNumber || $0 == "_" || $0 == " " || $0 == "-" || $0.isLetter }
        }
        let words = name.split(separator: " ")
        guard (1...4).contains(words.count) else { return false }
        return words.allSatisfy { w in
            guard let f = w.first, f.isUppercase else { return false }
            return w.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
        }
    }

    /// True when enough lines carry speaker labels for the text to be a
    /// transcript: at least three labelled lines, two speakers, and labels on
    /// at least 40% of the non-blank lines.
    static func isSpeakerText(_ lines: [TextLine]) -> Bool {
        var labelled = 0, nonBlank = 0
        var speakers = Set<String>()
        for line in lines.prefix(500) where !line.isBlank {
            nonBlank += 1
            if let m = parse(line.text) { labelled += 1; speakers.insert(m.speaker) }
        }
        return labelled >= 3 && speakers.count >= 2 && labelled * 10 >= nonBlank * 4
    }
}
