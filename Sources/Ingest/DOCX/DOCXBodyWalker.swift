/// Walks a DOCX body (or header/footer) in order, turning paragraphs into
/// headings, list items or paragraphs and tables into rows.
struct DOCXBodyWalker {
    var styles: DOCXStyles
    var numbering: DOCXNumbering
    var footnotes: DOCXNotes
    var endnotes: DOCXNotes
    var builder: DocumentBuilder
    var maxDepth: Int
    var part = DOCXParser.mainPart
    private var paragraphIndex = 0
    private let labeler = NoteLabeler()

    init(styles: DOCXStyles, numbering: DOCXNumbering, footnotes: DOCXNotes, endnotes: DOCXNotes,
         builder: DocumentBuilder, maxDepth: Int) {
        self.styles = styles
        self.numbering = numbering
        self.footnotes = footnotes
        self.endnotes = endnotes
        self.builder = builder
        self.maxDepth = maxDepth
    }

    mutating func walk(_ container: XMLNode, depth: Int) {
        guard depth < maxDepth else { builder.note("DOCX content nested deeper than \(maxDepth) levels skipped"); return }
        for c in container.children where c.isElement {
            switch c.name {
            case "p": paragraph(c)
            case "tbl": table(c, depth: depth)
            case "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "txbxContent": walk(c, depth: depth + 1)
            default: continue
            }
        }
    }

    private mutating func paragraph(_ p: XMLNode) {
        let index = paragraphIndex
        paragraphIndex += 1
        let (text, notes) = runs().text(of: p)
        let pPr = p.child("pPr")
        let styleID = pPr?.child("pStyle")?.attr("val")
        let span = SourceSpan.element(part: part, index: index)
        let label = numberLabel(pPr, styleID: styleID)
        if let styleID, styles.isTitle(styleID) {
            if builder.metadata.title == nil { builder.setTitle(text) }
            return
        }
        if let level = headingLevel(pPr, styleID: styleID) {
            builder.heading([label?.text, text].compactMap { $0 }.joined(separator: " "), level: level, span: span)
        } else if let label, !TextCleaner.collapse(text).isEmpty {
            builder.add(.listItem(label: label.text, depth: label.level), text: text, span: span)
        } else {
            builder.add(.paragraph, text: text, span: span)
        }
        for n in notes { emitNote(n.endnote, n.id) }
    }

    private func headingLevel(_ pPr: XMLNode?, styleID: String?) -> Int? {
        if let lvl = pPr?.child("outlineLvl")?.attr("val").flatMap({ Int($0) }), lvl < 9 { return lvl + 1 }
        return styleID.flatMap { styles.headingLevel($0) }
    }

    /// The numbering label of a paragraph, from its own `w:numPr` or its style's.
    private mutating func numberLabel(_ pPr: XMLNode?, styleID: String?) -> (text: String, level: Int)? {
        let numPr = pPr?.child("numPr")
        var numID = numPr?.child("numId")?.attr("val")
        var level = numPr?.child("ilvl")?.attr("val").flatMap { Int($0) }
        if numID == nil, let styleID, let fromStyle = styles.numbering(styleID) {
            numID = fromStyle.0
            level = level ?? fromStyle.1
        }
        guard let numID, let label = numbering.next(numID: numID, level: level ?? 0) else { return nil }
        return label.isEmpty ? nil : (label, level ?? 0)
    }

    private mutating func table(_ tbl: XMLNode, depth: Int) {
        for tr in tbl.childElements("tr") {
            var cells: [String] = []
            for tc in tr.children where tc.isElement && (tc.name == "tc" || tc.name == "sdt") {
                let paragraphs = tc.descendants("p")
                paragraphIndex += paragraphs.count
                cells.append(TextCleaner.collapse(paragraphs.map { runs().text(of: $0).text }.joined(separator: " ")))
            }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            builder.add(.tableRow(cells: cells), text: cells.joined(separator: " | "),
                        span: .element(part: part, index: paragraphIndex - 1))
        }
    }

    private mutating func emitNote(_ endnote: Bool, _ id: String) {
        guard let paragraphs = (endnote ? endnotes : footnotes).paragraphs(id) else { return }
        let text = paragraphs.map { runs().text(of: $0).text }.joined(separator: " ")
        let label = labeler.label(endnote, id)
        builder.add(.note(label: label), text: text,
                    span: .element(part: endnote ? "word/endnotes.xml" : "word/footnotes.xml", index: Int(id) ?? 0))
    }

    private func runs() -> DOCXRuns {
        DOCXRuns(noteLabel: labeler.label, maxDepth: maxDepth)
    }
}

/// Footnotes are numbered 1, 2, 3 and endnotes i, ii, iii in order of first
/// reference, as Word displays them by default.
final class NoteLabeler {
    private var labels: [String: String] = [:]
    private var footnotes = 0, endnotes = 0

    func label(_ endnote: Bool, _ id: String) -> String {
        let key = (endnote ? "e" : "f") + id
        if let l = labels[key] { return l }
        let l: String
        if endnote {
            endnotes += 1
            l = ListNumbering.roman(endnotes).lowercased()
        } else {
            footnotes += 1
            l = String(footnotes)
        }
        labels[key] = l
        return l
    }
}
