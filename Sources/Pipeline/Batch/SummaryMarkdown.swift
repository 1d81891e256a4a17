import Foundation

/// The summary for people: the genre tables first (key terms, minutes,
/// characters), then the summary, chapters and sections, every point with
/// the places it comes from. All model text is escaped so nothing in it
/// renders as HTML.
enum SummaryMarkdown {
    static func render(_ s: DocumentSummary) -> String {
        var out = "# \(escape(s.title))\n\n"
        out += "*\(escape(s.source)) — \(s.genre), \(s.documentTokens) tokens in \(s.segments) segment\(s.segments == 1 ? "" : "s")*\n"
        out += structure(s.structure)
        let policy = s.support.policy
        out += "\n## Summary\n\n" + points(s.summary, policy: policy)
        if !s.structure.characters.isEmpty {
            out += "\n## Characters\n\n" + s.structure.characters.map { c in
                "- **\(escape(c.name))** — \(c.mentions) mentions" + (c.firstAppears.map { ", first in \(escape($0))" } ?? "")
            }.joined(separator: "\n") + "\n"
        }
        for (heading, parts) in [("Chapters", s.chapters), ("Sections", s.sections)] where !parts.isEmpty {
            out += "\n## \(heading)\n"
            for part in parts {
                out += "\n### \(escape(part.label))\n\n"
                    + points(part.summary, policy: policy, empty: "*Nothing in this part could be summarized from its text.*")
            }
        }
        if !s.speakers.isEmpty {
            out += "\n## Speakers\n\n" + s.speakers.map { sp in
                "- **\(escape(sp.name))**: \(sp.turns) turn\(sp.turns == 1 ? "" : "s")"
                    + (sp.firstSpoke.map { f in " [\(f)–\(sp.lastSpoke ?? f)]" } ?? "")
            }.joined(separator: "\n") + "\n"
        }
        return out + footer(s)
    }

    static func structure(_ g: GenreStructure) -> String {
        var out = ""
        if !g.keyTerms.isEmpty {
            out += "\n## Key terms\n\n| Term | What the document says | Where |\n| --- | --- | --- |\n"
            out += g.keyTerms.map { "| \($0.term) | \(cell($0.value)) | \(cell(places($0.citations))) |" }.joined(separator: "\n") + "\n"
        }
        if !g.definedTerms.isEmpty {
            out += "\n### Defined terms\n\n" + g.definedTerms.map { d in
                "- **“\(escape(d.term))”**: \(escape(d.definition)) *(\(escape(d.citation.location)))*"
            }.joined(separator: "\n") + "\n"
        }
        for (title, items) in [("Decisions", g.decisions), ("Open questions", g.openQuestions)] where !items.isEmpty {
            out += "\n## \(title)\n\n" + items.map { "- \(escape($0.text)) — \(said($0))" }.joined(separator: "\n") + "\n"
            if title == "Decisions" { out += actionItems(g.actionItems) }
        }
        if g.decisions.isEmpty { out += actionItems(g.actionItems) }
        return out
    }

    static func actionItems(_ items: [MeetingItem]) -> String {
        guard !items.isEmpty else { return "" }
        return "\n## Action items\n\n| Owner | Action | Due | Said |\n| --- | --- | --- | --- |\n"
            + items.map { "| \(cell($0.owner ?? "—")) | \(cell($0.text)) | \(cell($0.due ?? "—")) | \(cell(said($0))) |" }
                .joined(separator: "\n") + "\n"
    }

    /// Points as Markdown: list items nested by depth, paragraph sentences run together, the model's headings kept.
    static func points(_ text: SummaryText, policy: UnsupportedPolicy = .mark,
                       empty: String = "*No point of the summary could be traced to the document.*") -> String {
        guard !text.points.isEmpty else { return empty + "\n" }
        var out = "", heading: String?, paragraph: Int?
        for p in text.points {
            if p.heading != heading, let h = p.heading {
                if paragraph != nil { out += "\n"; paragraph = nil }
                out += "\n**\(escape(h))**\n\n"
            }
            heading = p.heading
            let body = (p.label.map { "**\(escape($0)):** " } ?? "") + escape(p.text) + cite(p, policy: policy)
            switch p.style {
            case let .item(depth, number):
                if paragraph != nil { out += "\n\n"; paragraph = nil }
                out += String(repeating: "  ", count: min(depth, 4)) + (number.map { "\($0). " } ?? "- ") + body + "\n"
            case .row:
                if paragraph != nil { out += "\n\n"; paragraph = nil }
                out += "- " + body + "\n"
            case .sentence(let n):
                if let open = paragraph, open != n { out += "\n\n" }
                out += (paragraph == n ? " " : "") + body
                paragraph = n
            }
        }
        if paragraph != nil { out += "\n" }
        return out
    }

    static func cite(_ p: SummaryPoint, policy: UnsupportedPolicy = .mark) -> String {
        var s = p.citations.isEmpty ? "" : " *(\(escape(places(p.citations))))*"
        if p.support == .unsupported && policy == .mark { s += " **[unsupported: \(escape(p.reason ?? "not found in the source"))]**" }
        return s
    }

    /// Citation locations, those in one section run together: "Article 3, 3.1, 3.2; Article 4, 4.1".
    static func places(_ citations: [Citation]) -> String {
        var groups: [(section: String, items: [String])] = []
        for location in citations.map(\.location) {
            let (section, item) = split(location)
            if let i = groups.firstIndex(where: { $0.section == section && !section.isEmpty }) {
                if !groups[i].items.contains(item) { groups[i].items.append(item) }
            } else {
                groups.append((section, [item]))
            }
        }
        return groups.map { g in ([g.section].filter { !$0.isEmpty } + g.items).joined(separator: ", ") }.joined(separator: "; ")
    }

    /// "Article 3 Fees, 3.1" → ("Article 3 Fees", "3.1"); a location without an item is all section.
    private static func split(_ location: String) -> (String, String) {
        guard let comma = location.range(of: ", ", options: .backwards) else { return ("", location) }
        return (String(location[..<comma.lowerBound]), String(location[comma.upperBound...]))
    }

    static func said(_ item: MeetingItem) -> String {
        [item.speaker, item.time.map { "[\($0)]" }].compactMap { $0 }.joined(separator: " ")
    }

    static func footer(_ s: DocumentSummary) -> String {
        let c = s.support
        return String(format: "\n---\n%d points: %d supported, %d unsupported, %d left out as unsupported (policy: %@). "
                          + "Model %@…, pattern %@…, sparsity %.2f; %d tokens generated; prefill %.1f s "
                          + "(%d of %d segments from snapshots), generation %.1f s.\n",
                      c.points, c.supported, c.unsupported, c.dropped, c.policy.rawValue,
                      String(s.model.prefix(12)), String(s.pattern.prefix(12)), s.sparsity, s.generatedTokens,
                      s.prefillSeconds, s.segmentsFromSnapshots, s.segments, s.generateSeconds)
    }

    /// Model or source text made safe for Markdown: no HTML, no accidental emphasis or links.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "<", ">", "*", "_", "`", "[", "]", "\\": out += "\\" + String(ch)
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func cell(_ text: String) -> String { escape(text).replacingOccurrences(of: "|", with: "\\|") }
}
