import Foundation

/// Removes what a small model invents around its answer and no reader
/// should see: HTML tags and entities, chat-template control tokens, code
/// fences, document tags echoed from the prompt, links, and lines that only
/// announce the answer ("Here is a summary of the document:").
///
/// What is left is plain text with the model's Markdown structure (headings,
/// lists, bold labels, tables), ready for `ModelMarkdown`.
enum GeneratedTextCleaner {
    static func clean(_ text: String) -> String {
        var s = text
        for (pattern, replacement) in rewrites {
            s = pattern.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: replacement)
        }
        s = decodeEntities(s)
        let lines = s.components(separatedBy: "\n").filter { !isAnnouncement($0) && !isFence($0) }
        return lines.map { $0.replacingOccurrences(of: "\t", with: "    ") }.joined(separator: "\n")
    }

    /// Patterns removed or rewritten, in order.
    private static let rewrites: [(NSRegularExpression, String)] = [
        (#"<\|[^|<>]{1,40}\|>"#, ""),                                  // <|im_end|>, <|endoftext|>
        (#"</?s>|\[/?INST\]|<<\/?SYS>>"#, ""),                          // Llama-2 control text
        (#"<!--.*?-->"#, ""),                                           // HTML comments
        (#"</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>"#, ""),              // HTML/XML tags, <document>
        (#"!\[[^\]]*\]\([^)]*\)"#, ""),                                 // images
        (#"\[\^[^\]]{1,8}\]:?"#, ""),                                      // footnote markers [^1]
        (#"\[([^\]]+)\]\((https?:|www\.|/|#)[^)]*\)"#, "$1"),           // links keep their text
        (#"[ \t]+\n"#, "\n"),
    ].compactMap { pattern, template in
        (try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])).map { ($0, template) }
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "trade": "™", "ndash": "–", "mdash": "—", "hellip": "…", "euro": "€", "pound": "£", "rsquo": "’",
        "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    private static let entity = try? NSRegularExpression(pattern: "&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")

    /// `&amp;`, `&#169;` and friends as the characters they stand for; unknown names are dropped.
    static func decodeEntities(_ s: String) -> String {
        guard let entity, s.contains("&") else { return s }
        var out = "", last = s.startIndex
        for m in entity.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            guard let whole = Range(m.range, in: s), let body = Range(m.range(at: 1), in: s) else { continue }
            out += s[last..<whole.lowerBound]
            let name = String(s[body])
            if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
            } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
            } else {
                out += namedEntities[name.lowercased()] ?? ""
            }
            last = whole.upperBound
        }
        return out + s[last...]
    }

    private static let announcement = try? NSRegularExpression(
        pattern: #"^\s*(sure[,!.]?\s*)?((here|below)\s+(is|are)|here's|this is|the following is)\b.{0,80}(summary|overview|points|list|answer)\b[^.]*[:.]?\s*$"#,
        options: [.caseInsensitive])

    /// A line that only introduces the answer.
    static func isAnnouncement(_ line: String) -> Bool {
        guard line.count < 140, let announcement else { return false }
        return announcement.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
    }

    static func isFence(_ line: String) -> Bool {
        line.trimmingWhitespace().hasPrefix("```") || line.trimmingWhitespace() == "---"
    }
}
