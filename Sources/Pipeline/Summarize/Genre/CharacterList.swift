import Foundation
import Inference

/// A book's characters: capitalized names that act in the text — the
/// subject or object of speech and action verbs ("Nell said", "asked
/// Tobias") — counted, with the chapter where each first appears. Places
/// and things named as often rarely say or do anything, so they stay out.
enum CharacterList {
    static func extract(_ index: SourceIndex, limit: Int = 10) -> [BookCharacter] {
        var mentions: [String: Int] = [:], acts: [String: Int] = [:], first: [String: SourceIndex.Entry] = [:]
        for entry in index.entries {
            let tokens = entry.block.text.split { !$0.isLetter && $0 != "'" && $0 != "’" }.map(String.init)
            for (i, raw) in tokens.enumerated() {
                let token = raw.hasSuffix("'s") || raw.hasSuffix("’s") ? String(raw.dropLast(2)) : raw
                guard isName(token) else { continue }
                mentions[token, default: 0] += 1
                if first[token] == nil { first[token] = entry }
                let before = i > 0 ? tokens[i - 1].lowercased() : "", after = i + 1 < tokens.count ? tokens[i + 1].lowercased() : ""
                if verbs.contains(after) || verbs.contains(before) { acts[token, default: 0] += 1 }
            }
        }
        let names = mentions.keys.filter { (acts[$0] ?? 0) >= 2 && (mentions[$0] ?? 0) >= 3 }
            .sorted { mentions[$0]! > mentions[$1]! || (mentions[$0]! == mentions[$1]! && $0 < $1) }
        return names.prefix(limit).map { name in
            let entry = first[name]
            return BookCharacter(name: fullName(name, in: index) ?? name, mentions: mentions[name]!,
                             firstAppears: entry?.path.first,
                             citation: entry.map { Citation(block: $0.block.id, location: $0.location) })
        }
    }

    static func isName(_ token: String) -> Bool {
        guard let f = token.first, f.isUppercase, token.count >= 3, !token.allSatisfy(\.isUppercase) else { return false }
        let lower = token.lowercased()
        return !Lexicon.stopWords.contains(lower) && !Claims.commonOpeners.contains(lower)
            && !Claims.commonWords.contains(lower) && !calendar.contains(lower)
    }

    /// "Nell Arden" when the text introduces `name` with a surname at least once.
    static func fullName(_ name: String, in index: SourceIndex) -> String? {
        guard let re = try? NSRegularExpression(pattern: "\\b\(NSRegularExpression.escapedPattern(for: name)) ([A-Z][a-z]{2,})\\b") else { return nil }
        var counts: [String: Int] = [:]
        for entry in index.entries {
            let t = entry.block.text
            for m in re.matches(in: t, range: NSRange(t.startIndex..., in: t)) {
                if let r = Range(m.range(at: 1), in: t), isName(String(t[r])) { counts[String(t[r]), default: 0] += 1 }
            }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map { "\(name) \($0.key)" }
    }

    static let verbs: Set<String> = [
        "said", "asked", "told", "replied", "answered", "laughed", "smiled", "nodded", "looked", "turned", "walked",
        "took", "gave", "knew", "thought", "felt", "shook", "opened", "came", "went", "was", "had", "stood", "sat",
        "found", "called", "wrote", "read", "held", "watched", "saw", "put", "made", "said,", "says", "asks", "whispered",
        "shouted", "added", "explained", "agreed", "began", "left", "arrived", "kept", "wanted", "did", "could", "would",
    ]

    static let calendar: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter",
    ]
}
