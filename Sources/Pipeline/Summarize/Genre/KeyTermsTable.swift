import Foundation
import Inference

/// A legal document's key terms, quoted from the clauses that settle them:
/// for each subject (parties, fees and payment, dates and term,
/// termination, liability, governing law) the blocks whose words and
/// headings match the subject best, cut to their matching sentences.
///
/// Quoting rather than paraphrasing keeps the table exact: amounts, dates
/// and defined terms appear as the document writes them.
enum KeyTermsTable {
    struct Subject {
        let term: String
        /// Stems that mark a clause about the subject.
        let vocabulary: [String]
        /// Most clauses quoted for it.
        var clauses = 2
        /// Whether a clause stating a number (an amount, a period) says more about it.
        var figures = false
    }

    static let subjects: [Subject] = [
        Subject(term: "Parties", vocabulary: ["between", "parti", "made", "agreement", "landlord", "tenant", "licensor",
                                              "licensee", "supplier", "customer", "client", "provider"], clauses: 1),
        Subject(term: "Scope", vocabulary: ["servic", "maintain", "repair", "perform", "deliver", "suppl", "scope", "work",
                                            "grant", "let", "licens", "use", "provid"]),
        Subject(term: "Fees and payment", vocabulary: ["fee", "pay", "payabl", "payment", "price", "rent", "invoic",
                                                       "euro", "pound", "dollar", "charg", "interest", "deposit", "vat"],
                clauses: 3, figures: true),
        Subject(term: "Dates and term", vocabulary: ["start", "commenc", "term", "continu", "year", "month", "renew",
                                                     "expir", "effective", "date", "period", "initial"], figures: true),
        Subject(term: "Termination", vocabulary: ["terminat", "notice", "breach", "insolv", "liquidation", "end",
                                                  "cancel", "remedi", "forfeit"], clauses: 3, figures: true),
        Subject(term: "Liability", vocabulary: ["liabil", "liabl", "damag", "indemn", "limit", "exceed", "cap", "loss",
                                                "consequential", "insurance"], clauses: 3, figures: true),
        Subject(term: "Confidentiality", vocabulary: ["confidential", "disclos", "secret", "non-disclosure"], figures: true),
        Subject(term: "Governing law", vocabulary: ["govern", "law", "jurisdiction", "court", "disput", "arbitration"]),
    ]

    static func extract(_ index: SourceIndex) -> [KeyTerm] {
        subjects.map { subject in
            let scored: [(Int, Double)] = index.entries.indices.map { i in (i, score(index.entries[i], subject)) }
            let ranked = scored.filter { $0.1 >= 2 }.sorted { a, b in a.1 > b.1 || (a.1 == b.1 && a.0 < b.0) }
            guard let best = ranked.first else {
                return KeyTerm(term: subject.term, value: "Not stated in the document.", citations: [])
            }
            var chosen = [best.0]
            for other in ranked.dropFirst() where chosen.count < subject.clauses && other.1 >= best.1 * 0.75 && other.1 >= 3 {
                chosen.append(other.0)
            }
            chosen = Array(Set(chosen.flatMap { withSubItems($0, index) })).sorted()
            let value = chosen.map { i -> String in
                let block = index.entries[i].block
                let text = quote(clean(block.text), subject)
                if case let .listItem(label?, _) = block.kind, !label.isEmpty, label != "•" { return label + " " + text }
                return text
            }.joined(separator: " ")
            return KeyTerm(term: subject.term, value: value,
                           citations: chosen.map { Citation(block: index.entries[$0].block.id, location: index.entries[$0].location) })
        }
    }

    /// A clause that ends in a colon with the items under it ("…if the other party: (a) …; (b) …").
    static func withSubItems(_ i: Int, _ index: SourceIndex) -> [Int] {
        guard index.entries[i].block.text.hasSuffix(":") else { return [i] }
        var depth = -1
        if case let .listItem(_, d) = index.entries[i].block.kind { depth = d }
        var out = [i], j = i + 1
        while j < index.entries.count, out.count < 5, case let .listItem(_, d) = index.entries[j].block.kind, d > depth {
            out.append(j)
            j += 1
        }
        return out
    }

    /// Block text without footnote markers.
    static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: #"\[\^[^\]]{1,8}\]"#, with: "", options: .regularExpression)
    }

    /// Matches of the subject's stems in the block (each once) plus twice those in its heading path.
    static func score(_ entry: SourceIndex.Entry, _ subject: Subject) -> Double {
        let heading = Lexicon.contentWords(entry.path.joined(separator: " "))
        var s = 0.0
        for stem in subject.vocabulary {
            if entry.words.contains(where: { $0.hasPrefix(stem) }) { s += 1 }
            if heading.contains(where: { $0.hasPrefix(stem) }) { s += 2 }
        }
        if subject.term == "Parties", entry.block.text.range(of: "between", options: .caseInsensitive) != nil { s += 2 }
        if subject.figures, !NumberReader.values(in: entry.block.text).isEmpty { s += 1 }
        if entry.block.text.count < 25 { s -= 2 }   // a bare heading-like line says nothing
        return s
    }

    /// The block's sentences that mention the subject (all, when none does), at most about 60 words.
    static func quote(_ text: String, _ subject: Subject) -> String {
        let sentences = SentenceBoundary.sentences(text)
        if text.hasSuffix(":") || text.hasSuffix(";") || text.count < 200 { return text }
        let matching = sentences.filter { s in
            Lexicon.contentWords(s).contains { w in subject.vocabulary.contains { w.hasPrefix($0) } }
        }
        var out: [String] = [], words = 0
        for s in matching.isEmpty ? sentences : matching {
            let n = s.split(separator: " ").count
            if !out.isEmpty && words + n > 60 { break }
            out.append(s)
            words += n
        }
        return out.joined(separator: " ")
    }
}

/// Terms a legal document defines, quoted exactly: `“System” means …` and
/// `Acme Ltd (the “Supplier”)`.
enum DefinedTerms {
    private static let means = try? NSRegularExpression(
        pattern: #"[“"]([^”"]{2,60})[”"]\s+(means|shall mean|refers to|has the meaning)\s+([^;]+)"#)
    private static let alias = try? NSRegularExpression(
        pattern: #"\((?:the |each a |together the )?[“"]([^”"]{2,40})[”"]\)"#)

    static func extract(_ index: SourceIndex) -> [DefinedTerm] {
        var out: [DefinedTerm] = [], seen = Set<String>()
        for entry in index.entries {
            let text = entry.block.text, range = NSRange(text.startIndex..., in: text)
            let citation = Citation(block: entry.block.id, location: entry.location)
            for m in means?.matches(in: text, range: range) ?? [] {
                guard let t = Range(m.range(at: 1), in: text), let d = Range(m.range(at: 3), in: text) else { continue }
                let term = String(text[t])
                if seen.insert(term.lowercased()).inserted {
                    out.append(DefinedTerm(term: term, definition: trimmedDefinition(String(text[d])), citation: citation))
                }
            }
            var start = text.startIndex
            for m in alias?.matches(in: text, range: range) ?? [] {
                guard let whole = Range(m.range, in: text), let t = Range(m.range(at: 1), in: text) else { continue }
                let term = String(text[t]), before = String(text[start..<whole.lowerBound])
                start = whole.upperBound
                guard let name = aliasedName(before), seen.insert(term.lowercased()).inserted else { continue }
                out.append(DefinedTerm(term: term, definition: name, citation: citation))
            }
        }
        return out
    }

    /// The name a "(the “Client”)" stands for: the words before it back to
    /// "between", "and" or the clause start, without the details after its
    /// first comma ("ACME LIMITED, a company registered under …").
    static func aliasedName(_ before: String) -> String? {
        var s = before
        for separator in [" between ", " and ", "; ", ": "] {
            if let r = s.range(of: separator, options: .backwards) { s = String(s[r.upperBound...]) }
        }
        if let comma = s.range(of: ", ") { s = String(s[..<comma.lowerBound]) }
        s = trimmedDefinition(s)
        guard let first = s.first, first.isUppercase || first.isNumber, s.count >= 3, s.count <= 80 else { return nil }
        return s
    }

    private static func trimmedDefinition(_ d: String) -> String {
        var s = d.trimmingWhitespace()
        while let last = s.last, ".,;:".contains(last) { s.removeLast() }
        return s
    }
}
