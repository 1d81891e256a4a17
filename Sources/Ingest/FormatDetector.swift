/// Recognises a document's format from its bytes; the file extension only
/// breaks ties between text formats (Markdown versus plain text).
enum FormatDetector {
    enum Kind: Equatable {
        case zip, pdf
        /// A text format, decided after decoding.
        case text
    }

    /// First pass on raw bytes: containers and PDF have magic numbers.
    static func sniff(_ bytes: [UInt8]) -> Kind {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        let head = bytes.prefix(1024)
        if SafeXMLParser.find(Array("%PDF-".utf8), in: Array(head)) != nil { return .pdf }
        return .text
    }

    /// Second pass on decoded text.
    static func textFormat(_ text: String, fileExtension ext: String) -> DocumentFormat {
        let head = String(text.prefix(4096))
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("WEBVTT") { return .webvtt }
        if looksLikeSRT(trimmed) { return .srt }
        if looksLikeHTML(trimmed) { return .html }
        let lines = LineSplitter.lines(String(text.prefix(65536)))
        if SpeakerLine.isSpeakerText(lines) { return .speakerText }
        if ["md", "markdown", "mdown", "mkd"].contains(ext) || looksLikeMarkdown(lines) { return .markdown }
        return .plainText
    }

    static func looksLikeSRT(_ s: Substring) -> Bool {
        let lines = Array(s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).prefix(3))
        guard let first = lines.first?.trimmedSpace, !first.isEmpty else { return false }
        if first.contains("-->") { return SubtitleParser.timing(first) != nil }
        guard lines.count >= 2, first.allSatisfy(\.isASCIIDigit) else { return false }
        return SubtitleParser.timing(String(lines[1]).trimmedSpace) != nil
    }

    static func looksLikeHTML(_ s: Substring) -> Bool {
        let lower = s.prefix(1024).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") { return true }
        if lower.hasPrefix("<?xml") || lower.hasPrefix("<!--") || lower.hasPrefix("<!doctype") {
            return lower.contains("<html")
        }
        return lower.hasPrefix("<head") || lower.hasPrefix("<body") || lower.hasPrefix("<meta")
    }

    /// At least two Markdown constructs among ATX headings, fenced code,
    /// links, pipe tables and setext underlines.
    static func looksLikeMarkdown(_ lines: [TextLine]) -> Bool {
        var score = 0
        for line in lines.prefix(2000) {
            let t = line.trimmed
            if t.hasPrefix("#"), t.drop(while: { $0 == "#" }).first == " " { score += 2 }
            else if t.hasPrefix("```") || (t.hasPrefix("|") && t.hasSuffix("|")) { score += 1 }
            else if t.contains("](") { score += 1 }
            if score >= 2 { return true }
        }
        return false
    }
}
