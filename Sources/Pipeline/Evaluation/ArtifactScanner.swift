import Foundation

/// Counts markup and template text a model invented that reached a
/// summary: raw HTML/XML tags, HTML entities, chat control tokens and code
/// fences. Small models trained on web pages write `<p class="summary">` or
/// `&copy;` into summaries; none of it belongs in the output.
public enum ArtifactScanner {
    /// Occurrences of each kind of artifact.
    public struct Counts: Codable, Sendable, Hashable {
        /// Tags such as `<p`, `</p>`, `<h3 class=…>`, `<br>`, `<document>`.
        public var htmlTags = 0
        /// Named or numeric character references: `&copy;`, `&#169;`, `&nbsp`.
        public var entities = 0
        /// Chat-template tokens: `<|im_end|>`, `<|endoftext|>`, `[INST]`, `</s>`, `<<SYS>>`.
        public var controlTokens = 0
        /// Lines of three backticks or tildes.
        public var codeFences = 0

        public init() {}

        public var total: Int { htmlTags + entities + controlTokens + codeFences }

        enum CodingKeys: String, CodingKey { case htmlTags, entities, controlTokens, codeFences, total }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            htmlTags = try c.decode(Int.self, forKey: .htmlTags)
            entities = try c.decode(Int.self, forKey: .entities)
            controlTokens = try c.decode(Int.self, forKey: .controlTokens)
            codeFences = try c.decode(Int.self, forKey: .codeFences)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(htmlTags, forKey: .htmlTags)
            try c.encode(entities, forKey: .entities)
            try c.encode(controlTokens, forKey: .controlTokens)
            try c.encode(codeFences, forKey: .codeFences)
            try c.encode(total, forKey: .total)
        }

        public static func + (a: Counts, b: Counts) -> Counts {
            var c = a
            c.htmlTags += b.htmlTags
            c.entities += b.entities
            c.controlTokens += b.controlTokens
            c.codeFences += b.codeFences
            return c
        }
    }

    /// Artifacts in model text (a point of the JSON output), where every character is literal.
    public static func scan(_ text: String) -> Counts {
        var text = text, counts = Counts()
        counts.controlTokens = remove(controlToken, from: &text)
        counts.codeFences = remove(codeFence, from: &text)
        counts.htmlTags = remove(htmlTag, from: &text)
        counts.entities = remove(entity, from: &text)
        return counts
    }

    /// Artifacts in a Markdown file: a backslash-escaped character (`\<p>`,
    /// `\[INST\]`) is shown literally by a Markdown viewer, so it is text the
    /// renderer made safe, not an artifact; everything else is scanned as in `scan`.
    public static func scanMarkdown(_ markdown: String) -> Counts {
        scan(withoutEscapes(markdown))
    }

    /// `text` with every backslash-escaped character replaced by a neutral one.
    static func withoutEscapes(_ text: String) -> String {
        var out = "", escaped = false
        for ch in text {
            if escaped {
                out.append(ch.isNewline ? ch : "\u{FFFD}")
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// Counts the matches of `regex` in `text` and blanks them out, so a later kind does not count them again.
    private static func remove(_ regex: NSRegularExpression?, from text: inout String) -> Int {
        guard let regex else { return 0 }
        let ns = NSMutableString(string: text)
        let n = regex.replaceMatches(in: ns, range: NSRange(location: 0, length: ns.length), withTemplate: " ")
        text = ns as String
        return n
    }

    private static func regex(_ pattern: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern, options: options)
    }

    /// `<|…|>` tokens, `[INST]`/`[/INST]`, `<s>`/`</s>`, `<<SYS>>`/`<</SYS>>`, `<start_of_turn>`/`<end_of_turn>`.
    static let controlToken = regex(#"<\|[^|<>\s]{1,40}\|>|\[/?INST\]|<<?/?SYS>>?|</?s>|<(start|end)_of_turn>"#, [.caseInsensitive])
    /// A run of three or more backticks or tildes.
    static let codeFence = regex(#"```+|~~~+"#)
    /// An opening, closing or self-closing tag, or a tag cut off at the end of a line (`<p align="center"`).
    static let htmlTag = regex(#"</?[A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9]+)?(?:\s[^<>\n]*)?/?(?:>|$)"#, [.anchorsMatchLines])
    /// `&name;`, `&#123;`, `&#x1F;`, and the common names without their semicolon (`&copy2015`).
    static let entity = regex(#"&(?:#[0-9]{1,7};?|#x[0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};|(?:copy|nbsp|amp|lt|gt|quot|apos|reg|trade|mdash|ndash|hellip|laquo|raquo|rsquo|lsquo|rdquo|ldquo)(?![A-Za-z]))"#)
}
