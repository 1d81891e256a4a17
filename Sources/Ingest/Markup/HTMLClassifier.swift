/// Decides what an HTML element is for: dropped, a note, a note
/// reference, a block or inline container.
enum HTMLClassifier {
    /// Elements whose content is never text for a reader.
    static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "nav", "head", "svg", "math", "iframe", "object", "embed",
        "canvas", "video", "audio", "img", "picture", "input", "button", "select", "textarea", "map", "link",
        "meta", "form", "base",
    ]
    /// Elements that start a new paragraph.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "pre", "address",
        "figure", "figcaption", "dl", "dt", "dd", "center", "body", "html", "hgroup", "details", "summary",
        "fieldset", "li", "caption", "hr", "tbody", "thead", "tfoot",
    ]

    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d) else { return nil }
        return d
    }

    static func isHidden(_ e: XMLNode) -> Bool {
        if e.attr("hidden") != nil || e.attr("aria-hidden") == "true" { return true }
        if let role = e.attr("role"), role == "navigation" || role == "doc-toc" || role == "doc-pagebreak" { return true }
        if epubTypes(e).contains(where: { ["pagebreak", "toc", "landmarks", "page-list"].contains($0) }) { return true }
        guard let style = e.attr("style")?.lowercased().filter({ $0 != " " }) else { return false }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    static func epubTypes(_ e: XMLNode) -> [String] {
        (e.attr("type", prefix: "epub") ?? "").split(separator: " ").map { $0.lowercased() }
    }

    private static func classes(_ e: XMLNode) -> [String] {
        (e.attr("class") ?? "").split(separator: " ").map { $0.lowercased() }
    }

    /// A link to a note (`epub:type="noteref"`, `role="doc-noteref"`, or a
    /// `#fn…` link in superscript).
    static func isNoteRef(_ e: XMLNode) -> Bool {
        guard e.name == "a" || e.name == "sup" else { return false }
        if epubTypes(e).contains("noteref") || e.attr("role") == "doc-noteref" { return true }
        if classes(e).contains(where: { $0.contains("noteref") || $0 == "footnote-ref" || $0 == "fnref" }) { return true }
        if e.name == "a", let href = e.attr("href"), href.hasPrefix("#"),
           let parent = e.parent, parent.name == "sup" {
            return true
        }
        return false
    }

    /// One footnote or endnote.
    static func isNote(_ e: XMLNode) -> Bool {
        let types = epubTypes(e)
        if types.contains(where: { ["footnote", "endnote", "rearnote", "note"].contains($0) }) { return true }
        if let role = e.attr("role"), role == "doc-footnote" || role == "doc-endnote" { return true }
        return classes(e).contains { $0 == "footnote" || $0 == "endnote" }
    }

    /// A container whose children are notes (`<section epub:type="endnotes">`,
    /// `<div class="footnotes">`).
    static func isNotesContainer(_ e: XMLNode) -> Bool {
        let types = epubTypes(e)
        if types.contains(where: { ["footnotes", "endnotes", "rearnotes"].contains($0) }) { return true }
        if let role = e.attr("role"), role == "doc-endnotes" || role == "doc-footnotes" { return true }
        if classes(e).contains(where: { $0 == "footnotes" || $0 == "endnotes" }) { return true }
        return e.attr("id").map { $0 == "footnotes" || $0 == "endnotes" } ?? false
    }
}
