import Foundation

/// Parses SRT and WebVTT files into cues.
///
/// Both are blocks separated by blank lines. A block is a cue when it has a
/// timing line (`start --> end`); WebVTT `NOTE`, `STYLE` and `REGION`
/// blocks are skipped. Speakers come from WebVTT `<v Name>` voices or from
/// `Name:` and `[Name]` labels (per dialogue-dash line, see `CuePayload`)
/// that the file uses as speakers (`SpeakerLabels`).
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
                cues += webVTT ? WebVTTVoices.cues(payload, index: cueNumber, start: t0, end: t1)
                               : CuePayload.cues(payload, index: cueNumber, start: t0, end: t1)
            }
        }
        cues.resolveSpeakerLabels()
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
}
