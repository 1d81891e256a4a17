/// Paragraph styles from `word/styles.xml`, resolved through `basedOn` so
/// each style knows its heading level and numbering.
struct DOCXStyles {
    struct Style {
        var name: String
        var basedOn: String?
        /// 0-based outline level from `w:outlineLvl` (9 = body text).
        var outlineLevel: Int?
        var numID: String?
        var numLevel: Int?
    }

    private var styles: [String: Style] = [:]

    init(_ tree: XMLTree?) {
        for s in tree?.root?.childElements("style") ?? [] where s.attr("type") == "paragraph" {
            guard let id = s.attr("styleId") else { continue }
            let pPr = s.child("pPr")
            let numPr = pPr?.child("numPr")
            styles[id] = Style(name: s.child("name")?.attr("val") ?? id,
                               basedOn: s.child("basedOn")?.attr("val"),
                               outlineLevel: pPr?.child("outlineLvl")?.attr("val").flatMap { Int($0) },
                               numID: numPr?.child("numId")?.attr("val"),
                               numLevel: numPr?.child("ilvl")?.attr("val").flatMap { Int($0) })
        }
    }

    /// Heading level (1-based) of a style: from "Heading N" names, else from
    /// an outline level on the style or a style it is based on.
    func headingLevel(_ id: String) -> Int? {
        var current: String? = id, hops = 0
        while let cid = current, let style = styles[cid], hops < 16 {
            let lower = style.name.lowercased()
            if lower.hasPrefix("heading "), let n = Int(lower.dropFirst(8)), (1...9).contains(n) { return n }
            if let level = style.outlineLevel, level < 9 { return level + 1 }
            current = style.basedOn
            hops += 1
        }
        let lowerID = id.lowercased()
        if lowerID.hasPrefix("heading"), let n = Int(lowerID.dropFirst(7)), (1...9).contains(n) { return n }
        return nil
    }

    func isTitle(_ id: String) -> Bool {
        id == "Title" || styles[id]?.name.lowercased() == "title"
    }

    /// Numbering attached to a style (or inherited), as (numId, level).
    func numbering(_ id: String) -> (String, Int)? {
        var current: String? = id, hops = 0
        while let cid = current, let style = styles[cid], hops < 16 {
            if let num = style.numID { return (num, style.numLevel ?? 0) }
            current = style.basedOn
            hops += 1
        }
        return nil
    }
}
