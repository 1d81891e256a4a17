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
        /// Stems that name the subject itself ("liabil", "insur"), worth two more; a block that mentions none of
        /// them, in its words or its heading, counts half (a service charge that "shall not exceed" a sum is
        /// not a liability cap).
        var core: [String] = []
    }

    static let subjects: [Subject] = [
        Subject(term: "Parties", vocabulary: ["part", "made", "agreement", "landlord", "tenant", "licensor",
                                              "licensee", "supplier", "customer", "client", "provider"], clauses: 1),
        Subject(term: "Scope", vocabulary: ["servic", "maintain", "repair", "perform", "deliver", "suppl", "scope", "work",
                                            "grant", "let", "licens", "use", "provid"],
                core: ["perform", "let", "licens", "use", "scope"]),
        Subject(term: "Fees and payment", vocabulary: ["fee", "pay", "payabl", "payment", "price", "rent", "invoic",
                                                       "euro", "pound", "dollar", "charg", "interest", "deposit", "vat"],
                clauses: 3, figures: true),
        Subject(term: "Dates and term", vocabulary: ["start", "commenc", "term", "continu", "year", "month", "renew",
                                                     "expir", "effective", "date", "period", "initial"], figures: true),
        Subject(term: "Termination", vocabulary: ["terminat", "notice", "breach", "insolv", "liquidation", "end",
                                                  "cancel", "remedi", "forfeit", "break"], clauses: 3, figures: true,
                core: ["terminat", "forfeit", "end", "break", "cancel"]),
        Subject(term: "Liability", vocabulary: ["liabil", "liabl", "damag", "indemn", "limit", "exceed", "cap", "loss",
                                                "consequential", "insur", "guarant", "total"], clauses: 3, figures: true,
                core: ["liabil", "liabl", "indemn", "insur", "guarant"]),
        Subject(term: "Confidentiality", vocabulary: ["confidential", "disclos", "secret", "non-disclosure"], figures: true),
        Subject(term: "Governing law", vocabulary: ["govern", "law", "jurisdiction", "court", "disput", "arbitration"]),
    ]

    static func extract(_ index: SourceIndex) -> [KeyTerm] {
        let opening = openingBlocks(index), read = index.entries.indices.map { withItems($0, index) }
        return subjects.map { subject in
            let scored: [(Int, Double)] = read.indices.map { i in
                (i, score(read[i], subject) + (subject.term == "Parties" && opening.contains(i) ? 2 : 0))
            }
            let ranked = scored.filter { $0.1 >= 2 }.sorted { a, b in a.1 > b.1 || (a.1 == b.1 && a.0 < b.0) }
            guard let best = ranked.first else {
                return KeyTerm(term: subject.term, value: "Not stated in the document.", citations: [])
            }
            var chosen = [best.0]
            for other in ranked.dropFirst() where chosen.count < subject.clauses && other.1 >= best.1 * 0.75 && other.1 >= 3 {
                chosen.append(other.0)
            }
            chosen = Array(Set(chosen.flatMap { clauseGroup($0, index) })).sorted()
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

    /// The whole clause a block belongs to: a clause that introduces a list
    /// ("…if the other party:", "…between the parties below.") with the items
    /// under it, and an item ("(a) commits a material breach…") with its clause.
    static func clauseGroup(_ i: Int, _ index: SourceIndex) -> [Int] {
        let head = introducingClause(of: i, index) ?? i
        guard introducesList(index.entries[head].block.text) else { return [i] }
        let depth = listDepth(index.entries[head])
        var out = [head], j = head + 1
        while j < index.entries.count, out.count < 6, index.entries[j].path == index.entries[head].path,
              listDepth(index.entries[j]) > depth {
            out.append(j)
            j += 1
        }
        return out
    }

    /// A clause that introduces a list, read with the words of its items ("…if the other Party: (a) commits a
    /// material breach…" is about termination for breach).
    static func withItems(_ i: Int, _ index: SourceIndex) -> SourceIndex.Entry {
        let entry = index.entries[i]
        guard introducesList(entry.block.text) else { return entry }
        let words = clauseGroup(i, index).reduce(into: entry.words) { $0.formUnion(index.entries[$1].words) }
        return SourceIndex.Entry(block: entry.block, path: entry.path, location: entry.location, words: words)
    }

    /// The clause an item hangs from: the nearest block before it in its section at a shallower depth, when that
    /// block introduces a list.
    static func introducingClause(of i: Int, _ index: SourceIndex) -> Int? {
        let depth = listDepth(index.entries[i])
        guard depth >= 0 else { return nil }
        var j = i - 1
        while j >= 0, index.entries[j].path == index.entries[i].path, listDepth(index.entries[j]) >= depth { j -= 1 }
        guard j >= 0, index.entries[j].path == index.entries[i].path, introducesList(index.entries[j].block.text) else {
            return nil
        }
        return j
    }

    /// A list item's nesting depth; -1 for any other block.
    static func listDepth(_ entry: SourceIndex.Entry) -> Int {
        if case let .listItem(_, d) = entry.block.kind { return d }
        return -1
    }

    static func introducesList(_ text: String) -> Bool {
        let t = text.trimmingWhitespace().lowercased()
        return t.hasSuffix(":") || ["below.", "as follows.", "following."].contains { t.hasSuffix(" " + $0) }
    }

    /// Block text without footnote markers.
    static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: #"\[\^[^\]]{1,8}\]"#, with: "", options: .regularExpression)
    }

    /// Matches of the subject's stems in the block (each once) plus twice those in its heading path.
    static func score(_ entry: SourceIndex.Entry, _ subject: Subject) -> Double {
        let heading = Lexicon.contentWords(entry.path.joined(separator: " "))
        var s = 0.0
        var named = subject.core.isEmpty
        for stem in subject.vocabulary {
            let inWords = entry.words.contains { mentions($0, stem) }, inHeading = heading.contains { mentions($0, stem) }
            if inWords { s += subject.core.contains(stem) ? 3 : 1 }
            if inHeading { s += 2 }
            if (inWords || inHeading) && subject.core.contains(stem) { named = true }
        }
        if subject.term == "Parties" { s += partiesBonus(entry) }
        if titled(entry, by: subject) { s += 2 }
        if subject.figures, !NumberReader.values(in: entry.block.text).isEmpty { s += 1 }
        if entry.block.text.count < 25 { s -= 2 }   // a bare heading-like line says nothing
        return named ? s : s / 2
    }

    /// Whether a stemmed content word starts with a vocabulary stem, stemmed the same way
    /// ("exceed" is stemmed to "exce" in both).
    static func mentions(_ word: String, _ stem: String) -> Bool {
        word.hasPrefix(stem) || word.hasPrefix(Lexicon.stem(stem))
    }

    /// Whether the block's own section is titled by the subject alone ("Article 7. Use", "Liability").
    static func titled(_ entry: SourceIndex.Entry, by subject: Subject) -> Bool {
        guard let title = entry.path.last else { return false }
        let numbering: Set<String> = ["article", "clause", "section", "schedule", "and"]
        let words = Lexicon.contentWords(title).filter { !numbering.contains($0) && !($0.first?.isNumber ?? true) }
        return !words.isEmpty && words.allSatisfy { w in subject.vocabulary.contains { mentions(w, $0) } }
    }

    /// The blocks before the document's first section: where a contract names its parties.
    static func openingBlocks(_ index: SourceIndex) -> Set<Int> {
        guard let first = index.entries.first else { return [] }
        return Set(index.entries.prefix { $0.path == first.path }.indices)
    }

    /// The parties are named in the clause "made between" and where a name is
    /// given a role ("Acme Ltd (the “Supplier”)").
    static func partiesBonus(_ entry: SourceIndex.Entry) -> Double {
        let text = entry.block.text
        var s = 0.0
        if text.range(of: "between", options: .caseInsensitive) != nil { s += 2 }
        if text.range(of: #"\((?:the )?[“"]"#, options: .regularExpression) != nil { s += 1 }
        return s
    }

    /// The block's sentences that mention the subject (all, when none does), at most about 60 words.
    static func quote(_ text: String, _ subject: Subject) -> String {
        let sentences = SentenceBoundary.sentences(text)
        if text.hasSuffix(":") || text.hasSuffix(";") || text.count < 200 { return text }
        let matching = sentences.filter { s in
            Lexicon.contentWords(s).contains { w in subject.vocabulary.contains { mentions(w, $0) } }
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
        if let clause = s.range(of: #"^\d+(\.\d+)*\s+"#, options: .regularExpression) {
            // Inside a numbered clause ("10.1 The Tenant may end this lease on 31 August 2030 (the “Break Date”)")
            // the term names what comes last: the date, amount or thing after the last preposition.
            s = trailingPhrase(String(s[clause.upperBound...])) ?? ""
        }
        guard let first = s.first, first.isUppercase || first.isNumber, s.count >= 3, s.count <= 80 else { return nil }
        return s
    }

    /// The words after the last "on", "of", "at", "from" or "until", when they are a short name, date or amount.
    static func trailingPhrase(_ clause: String) -> String? {
        let words = clause.split(separator: " ").map(String.init)
        guard let last = words.lastIndex(where: { ["on", "of", "at", "from", "until", "to"].contains($0) }),
              last + 1 < words.count, words.count - last - 1 <= 6 else { return nil }
        return words[(last + 1)...].joined(separator: " ")
    }

    private static func trimmedDefinition(_ d: String) -> String {
        var s = d.trimmingWhitespace()
        while let last = s.last, ".,;:".contains(last) { s.removeLast() }
        return s
    }
}
