/// Extracts the visible text of a DOCX paragraph with tracked changes
/// accepted: insertions (`w:ins`, `w:moveTo`) kept, deletions (`w:del`,
/// `w:moveFrom`, `w:delText`) dropped, field codes skipped in favour of
/// their results, and note references rendered as `[^n]`.
struct DOCXRuns {
    /// Called for each footnote or endnote reference: (is endnote, note id)
    /// → the label to show.
    var noteLabel: (Bool, String) -> String
    var maxDepth: Int

    private enum FieldState { case none, code, result }

    func text(of paragraph: XMLNode) -> (text: String, notes: [(endnote: Bool, id: String)]) {
        var out = ""
        var notes: [(Bool, String)] = []
        var field = FieldState.none
        var fieldDepth = 0
        visit(paragraph, depth: 0, &out, &notes, &field, &fieldDepth)
        return (out, notes)
    }

    private func visit(_ node: XMLNode, depth: Int, _ out: inout String, _ notes: inout [(Bool, String)],
                       _ field: inout FieldState, _ fieldDepth: inout Int) {
        guard depth < maxDepth else { return }
        for c in node.children where c.isElement {
            switch c.name {
            case "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "proofErr", "bookmarkStart", "bookmarkEnd",
                 "commentRangeStart", "commentRangeEnd", "commentReference", "drawing", "pict", "object", "lastRenderedPageBreak":
                continue
            case "t":
                if field != .code { out += c.textContent }
            case "tab", "ptab":
                if field != .code { out += " " }
            case "br", "cr":
                if field != .code { out += " " }
            case "noBreakHyphen": out += "-"
            case "softHyphen": continue
            case "fldChar":
                switch c.attr("fldCharType") {
                case "begin": fieldDepth += 1; field = .code
                case "separate": field = .result
                case "end": fieldDepth = max(0, fieldDepth - 1); field = fieldDepth > 0 ? .result : .none
                default: break
                }
            case "footnoteReference", "endnoteReference":
                guard let id = c.attr("id") else { continue }
                let endnote = c.name == "endnoteReference"
                out += "[^\(noteLabel(endnote, id))]"
                notes.append((endnote, id))
            default:
                visit(c, depth: depth + 1, &out, &notes, &field, &fieldDepth)
            }
        }
    }
}
