import Foundation

/// Parses SRT and WebVTT files into cues.
///
/// Both are blocks separated by blank lines. A block is a cue when it has a
/// timing line (`start --> end`); WebVTT `NOTE`, `STYLE` and `REGION`
/// blocks are skipped. Speakers come from WebVTT `<v Name>` voices or from a
/// `Name:` label at the start of the cue text.
enum SubtitleParser {
    static func cues(_ text: String, webVTT: Bool, file: String) throws -> (cues: [Cue], language: String?) {
        let lines = LineSplitter.lines(text)
        var cues: [Cue] = []
        var language: String?
        var i = 0
        if webVTT { language = skipHeader(lines, &i) }
        var cueNumber = 0
        while i < lines.count {
            if lines[i].isBlank { i += 1; continue }
            let start = i
            while i < lines.count, !lines[i].isBlank { i += 1 }
            let block = lines[start..<i].map { String($0.trimmed) }
            if webVTT, let first = block.first, ["NOTE", "STYLE", "REGION"].contains(where: { first.hasPrefix($0) }) {
                continue
            }
            guard let timingAt = block.firstIndex(where: { $0.contains("-->") }), timingAt <= 1 else { continue }
            // A timing line inside a block starts another cue (some generators
            // omit the blank line between cues).
            let starts = block.indices.filter { $0 >= timingAt && block[$0].contains("-->") && timing(block[$0]) != nil }
            for (k, at) in starts.enumerated() {
                guard let (t0, t1) = timing(block[at]) else { continue }
                let end = k + 1 < starts.count ? starts[k + 1] : block.count
                let payload = Array(block[(at + 1)..<end])
                cueNumber += 1
                cues += webVTT ? voices(payload, index: cueNumber, start: t0, end: t1)
                               : [labelled(payload, index: cueNumber, start: t0, end: t1)]
            }
        }
        return (cues, language)
    }

    /// Skips `WEBVTT` and header lines up to the first blank line, returning
    /// a `Language:` header value if present.
    private static func skipHeader(_ lines: [TextLine], _ i: inout Int) -> String? {
        var language: String?
        while i < lines.count, !lines[i].isBlank {
            let t = lines[i].trimmed
            if t.lowercased().hasPrefix("language:") { language = t.dropFirst(9).trimmedSpace }
            i += 1
        }
        return language
    }

    static func timing(_ line: String) -> (Double, Double)? {
        let parts = line.components(separatedBy: "-->")
        guard parts.count == 2 else { return nil }
        let startText = parts[0].trimmedSpace
        let endText = parts[1].trimmedSpace.split(separator: " ").first.map(String.init) ?? ""
        guard let a = Timecode.parse(startText), let b = Timecode.parse(endText) else { return nil }
        return (a, max(a, b))
    }

    /// SRT payload: a leading `Name:` (or `- Name:`) label names the speaker.
    private static func labelled(_ payload: [String], index: Int, start: Double, end: Double) -> Cue {
        var text = payload.map { CueText.strip($0) }.joined(separator: " ")
        var speaker: String?
        let probe = text.hasPrefix("- ") ? String(text.dropFirst(2)) : text
        if let m = SpeakerLine.parse(probe), m.time == nil {
            speaker = m.speaker
            text = m.text
        } else if let (name, rest) = bracketedSpeaker(probe) {
            speaker = name
            text = rest
        }
        return Cue(index: index, start: start, end: end, speaker: speaker, text: text)
    }

    /// "[Alba] En 1928" (subtitles for the deaf name speakers in brackets).
    private static func bracketedSpeaker(_ text: String) -> (String, String)? {
        guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return nil }
        let name = text[text.index(after: text.startIndex)..<close].trimmedSpace
        let rest = text[text.index(after: close)...].trimmedSpace
        guard SpeakerLine.isSpeakerName(name), !rest.isEmpty else { return nil }
        return (name, rest)
    }

    /// WebVTT payload: each `<v Name>` span is its own voice; text outside
    /// voices falls back to a `Name:` label.
    private static func voices(_ payload: [String], index: Int, start: Double, end: Double) -> [Cue] {
        let joined = payload.joined(separator: "\n")
        guard joined.firstRange(of: "<v") != nil else { return [labelled(payload, index: index, start: start, end: end)] }
        var out: [Cue] = []
        var rest = Substring(joined)
        while let open = rest.firstRange(of: "<v") {
            let before = CueText.strip(rest[..<open.lowerBound]).trimmedSpace
            if !before.isEmpty { out.append(Cue(index: index, start: start, end: end, speaker: out.last?.speaker, text: before)) }
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.upperBound..<close]
            let name = tag.drop { $0 != " " && $0 != "\t" }.trimmedSpace
            let bodyStart = rest.index(after: close)
            // The voice ends at `</v>` or the next `<v`, whichever is first;
            // `</v>` is only looked for before the next `<v`, so neither
            // search runs past text a later voice will scan again.
            let nextVoice = rest[bodyStart...].firstRange(of: "<v")?.lowerBound ?? rest.endIndex
            let bodyEnd = rest[bodyStart..<nextVoice].firstRange(of: "</v>")?.lowerBound ?? nextVoice
            let text = CueText.strip(rest[bodyStart..<bodyEnd]).split(whereSeparator: \.isNewline).joined(separator: " ")
            out.append(Cue(index: index, start: start, end: end, speaker: name.isEmpty ? nil : name, text: text))
            rest = rest[bodyEnd...]
            if rest.hasPrefix("</v>") { rest = rest.dropFirst(4) }
        }
        let tail = CueText.strip(rest).trimmedSpace
        if !tail.isEmpty { out.append(Cue(index: index, start: start, end: end, speaker: out.last?.speaker, text: tail)) }
        return out
    }
}
