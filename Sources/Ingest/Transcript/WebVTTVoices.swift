/// The voices of one WebVTT cue: each `<v Name>` span is its own cue, so a
/// cue with `<v Alice>…</v><v Bob>…</v>` credits each line to its speaker.
/// A cue without voices is read by `CuePayload` (dialogue dashes, labels).
enum WebVTTVoices {
    static func cues(_ payload: [String], index: Int, start: Double, end: Double) -> [Cue] {
        let joined = payload.joined(separator: "\n")
        var rest = Substring(joined)
        guard nextVoice(in: rest) != nil else { return CuePayload.cues(payload, index: index, start: start, end: end) }
        var out: [Cue] = []
        func add(_ raw: Substring, speaker: String?) {
            let text = CueText.strip(raw).split(whereSeparator: \.isNewline).joined(separator: " ").trimmedSpace
            guard !text.isEmpty else { return }
            out.append(Cue(index: index, start: start, end: end, speaker: speaker, text: text, certain: true))
        }
        while let open = nextVoice(in: rest) {
            add(rest[..<open], speaker: out.last?.speaker)
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(open, offsetBy: 2)..<close]
            let name = tag.drop { $0 != " " && $0 != "\t" }.trimmedSpace
            let bodyStart = rest.index(after: close)
            // The voice ends at `</v>` or the next voice, whichever is first;
            // `</v>` is only looked for before the next voice, so neither
            // search runs past text a later voice will scan again.
            let next = nextVoice(in: rest[bodyStart...]) ?? rest.endIndex
            let bodyEnd = rest[bodyStart..<next].firstRange(of: "</v>")?.lowerBound ?? next
            add(rest[bodyStart..<bodyEnd], speaker: name.isEmpty ? nil : name)
            rest = rest[bodyEnd...]
            if rest.hasPrefix("</v>") { rest = rest.dropFirst(4) }
        }
        add(rest, speaker: out.last?.speaker)
        return out
    }

    /// Where the next `<v` voice tag starts: `<v` followed by a space, a
    /// tab, a class dot or `>` (so `<very>` is text).
    static func nextVoice(in s: Substring) -> Substring.Index? {
        var from = s.startIndex
        while let r = s[from...].firstRange(of: "<v") {
            if let c = s[r.upperBound...].first, c == " " || c == "\t" || c == "." || c == ">" { return r.lowerBound }
            from = r.upperBound
        }
        return nil
    }
}
