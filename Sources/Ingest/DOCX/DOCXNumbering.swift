/// Resolves DOCX list numbering (`word/numbering.xml`) into the labels a
/// reader sees: "1.", "1.1", "(a)", "(iii)", "Article 5".
///
/// Counters belong to the abstract numbering, so separate `w:num` instances
/// of one abstract list continue each other, as in Word. A `w:num` with a
/// `w:startOverride` restarts its level the first time it is used; that is
/// how Word and LibreOffice encode "restart numbering", and LibreOffice
/// reuses abstract lists across many such instances.
struct DOCXNumbering {
    struct Level {
        var start = 1
        var format: ListNumbering.Style = .decimal
        var text = "%1."
        /// Higher level whose increment restarts this one; nil = the one above.
        var restartAfter: Int?
        var isLegal = false
    }

    private var abstracts: [String: [Int: Level]] = [:]
    /// numId → (abstractNumId, level overrides, start overrides).
    private var nums: [String: (abstract: String, levels: [Int: Level], starts: [Int: Int])] = [:]
    private var counters: [String: [Int: Int]] = [:]
    private var usedNums = Set<String>()

    init(_ tree: XMLTree?) {
        guard let root = tree?.root else { return }
        for a in root.childElements("abstractNum") {
            guard let id = a.attr("abstractNumId") else { continue }
            abstracts[id] = Self.levels(a)
        }
        for n in root.childElements("num") {
            guard let id = n.attr("numId"), let abstract = n.child("abstractNumId")?.attr("val") else { continue }
            var starts: [Int: Int] = [:], levels: [Int: Level] = [:]
            for o in n.childElements("lvlOverride") {
                guard let ilvl = o.attr("ilvl").flatMap({ Int($0) }) else { continue }
                if let s = o.child("startOverride")?.attr("val").flatMap({ Int($0) }) { starts[ilvl] = ListNumbering.clamp(s) }
                if let lvl = o.child("lvl") { levels[ilvl] = Self.level(lvl) }
            }
            nums[id] = (abstract, levels, starts)
        }
    }

    private static func levels(_ a: XMLNode) -> [Int: Level] {
        var out: [Int: Level] = [:]
        for lvl in a.childElements("lvl") {
            if let ilvl = lvl.attr("ilvl").flatMap({ Int($0) }) { out[ilvl] = level(lvl) }
        }
        return out
    }

    private static func level(_ lvl: XMLNode) -> Level {
        var l = Level()
        if let s = lvl.child("start")?.attr("val").flatMap({ Int($0) }) { l.start = ListNumbering.clamp(s) }
        l.format = format(lvl.child("numFmt")?.attr("val"))
        if let t = lvl.child("lvlText")?.attr("val") { l.text = t }
        l.restartAfter = lvl.child("lvlRestart")?.attr("val").flatMap { Int($0) }
        l.isLegal = lvl.child("isLgl") != nil
        return l
    }

    static func format(_ s: String?) -> ListNumbering.Style {
        switch s {
        case "lowerLetter": return .lowerLetter
        case "upperLetter": return .upperLetter
        case "lowerRoman": return .lowerRoman
        case "upperRoman": return .upperRoman
        case "bullet": return .bullet
        case "none": return .none
        case "decimalZero": return .decimalZero
        default: return .decimal
        }
    }

    /// Advances the counter of `level` in list `numID` and returns the label,
    /// or nil when the paragraph is not numbered (`numId` 0 or unknown).
    mutating func next(numID: String, level: Int) -> String? {
        let level = min(max(level, 0), 8)
        guard numID != "0", let num = nums[numID], let abstractLevels = abstracts[num.abstract] else { return nil }
        let levelDef = { (i: Int) -> Level in num.levels[i] ?? abstractLevels[i] ?? Level() }
        var c = counters[num.abstract] ?? [:]
        if usedNums.insert(numID).inserted {
            for (ilvl, start) in num.starts { c[ilvl] = start - 1 }
        }
        c[level] = (c[level] ?? (levelDef(level).start - 1)) + 1
        for deeper in (level + 1)...9 {
            let restart = levelDef(deeper).restartAfter
            if restart == nil || (restart! > 0 && restart! - 1 >= level) { c[deeper] = nil }
        }
        counters[num.abstract] = c
        let def = levelDef(level)
        if def.format == .bullet { return "•" }
        return render(def.text, counters: c, levelDef: levelDef, legal: def.isLegal)
    }

    /// Replaces `%1`…`%9` in a level text with the formatted counters.
    private func render(_ template: String, counters c: [Int: Int], levelDef: (Int) -> Level, legal: Bool) -> String {
        var out = ""
        var it = template.makeIterator()
        while let ch = it.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let d = it.next() else { break }
            guard let n = d.wholeNumberValue, (1...9).contains(n) else { out.append(ch); out.append(d); continue }
            let lvl = n - 1
            let def = levelDef(lvl)
            let value = c[lvl] ?? def.start
            out += ListNumbering.format(value, legal ? .decimal : def.format)
        }
        return TextCleaner.collapse(out)
    }
}
