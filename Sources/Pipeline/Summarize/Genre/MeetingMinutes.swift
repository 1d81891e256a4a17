import Foundation
import Inference
import Ingest

/// A meeting's decisions, action items and open questions, read from its
/// transcript turns by what people say when they decide ("decision:",
/// "we agreed"), commit ("I'll send…", "can you…?") and leave things open
/// ("let's come back to that", "I don't know yet").
///
/// Each item is the sentence that states it, with the speaker, the owner
/// and due date when said, and the turn's own time stamp, so every line of
/// the minutes can be checked against the recording.
struct MeetingMinutes {
    let decisions: [MeetingItem]
    let actionItems: [MeetingItem]
    let openQuestions: [MeetingItem]

    struct Turn {
        let entry: SourceIndex.Entry
        let speaker: String?
        let time: String?
        let sentences: [String]
    }

    init(_ index: SourceIndex) {
        let turns: [Turn] = index.entries.compactMap { entry in
            guard case let .turn(speaker, start, _) = entry.block.kind else { return nil }
            return Turn(entry: entry, speaker: speaker, time: start.map(Timecode.compact),
                        sentences: SentenceBoundary.sentences(entry.block.text))
        }
        let speakers = Set(turns.compactMap(\.speaker))
        var decisions: [MeetingItem] = [], actions: [MeetingItem] = [], open: [MeetingItem] = []
        for (i, turn) in turns.enumerated() {
            for (k, sentence) in turn.sentences.enumerated() {
                let agreedThen = k > 0 && Cue.agreement.matches(turn.sentences[k - 1])
                guard Cue.decision.matches(sentence) || (agreedThen && Cue.proposal.matches(sentence)) else { continue }
                decisions.append(Self.item(Cue.decision.stripLead(sentence), turn))
            }
            if let action = Self.action(in: turn, previous: i > 0 ? turns[i - 1] : nil,
                                        next: i + 1 < turns.count ? turns[i + 1] : nil, speakers: speakers) {
                actions.append(action)
            }
            if turn.sentences.contains(where: Cue.open.matches), let question = Self.question(before: i, in: turns) {
                open.append(question)
            }
        }
        self.decisions = Self.distinct(decisions)
        actionItems = Self.distinct(actions)
        openQuestions = Self.distinct(open)
    }

    /// A commitment in `turn` ("I'll …"), owned by its speaker, or a request
    /// ("Malik, can you …?", "Please …") accepted in the next turn, owned by
    /// who was asked; the item reads as a task ("Confirm the revised quote …").
    static func action(in turn: Turn, previous: Turn?, next: Turn?, speakers: Set<String>) -> MeetingItem? {
        let commitments = turn.sentences.filter { Cue.commitment.matches($0) && Cue.task.matches($0) }
        if let sentence = commitments.first(where: { DueDate.find(in: $0) != nil }) ?? commitments.first {
            var item = item(Task.phrase(sentence), turn)
            item.owner = turn.speaker
            item.due = DueDate.find(in: sentence)
                ?? previous.flatMap { p in p.sentences.first(where: Cue.request.matches).flatMap(DueDate.find(in:)) }
            return item
        }
        for sentence in turn.sentences where Cue.request.matches(sentence) && Cue.task.matches(sentence) {
            let named = speakers.filter { $0 != turn.speaker && sentence.contains($0) }.sorted().first
            let accepted = next.flatMap { n in n.sentences.first.map { Cue.acceptance.matches($0) ? n.speaker : nil } } ?? nil
            guard let owner = named ?? accepted, named == nil || accepted == nil || accepted == named else { continue }
            var item = item(Task.phrase(sentence, addressee: owner), turn)
            item.owner = owner
            item.due = DueDate.find(in: sentence)
            return item
        }
        return nil
    }

    /// The question an "open" remark refers to: a question in that turn or one of the three before it.
    static func question(before i: Int, in turns: [Turn]) -> MeetingItem? {
        for j in stride(from: i, through: max(0, i - 3), by: -1) {
            let turn = turns[j]
            if let q = turn.sentences.last(where: { $0.hasSuffix("?") && $0.split(separator: " ").count >= 5 }) {
                return item(q, turn)
            }
            if let q = turn.sentences.first(where: Cue.unknown.matches) { return item(q, turn) }
        }
        return nil
    }

    static func item(_ text: String, _ turn: Turn) -> MeetingItem {
        MeetingItem(text: text, speaker: turn.speaker, owner: nil, due: nil, time: turn.time,
                    citation: Citation(block: turn.entry.block.id, location: turn.entry.location))
    }

    /// Items without near-repeats (a read-back of the same decision keeps the first telling).
    static func distinct(_ items: [MeetingItem]) -> [MeetingItem] {
        var out: [MeetingItem] = [], seen: [Set<String>] = []
        for item in items {
            let words = Lexicon.contentWords(item.text)
            if seen.contains(where: { Double($0.intersection(words).count) / Double(max(1, min($0.count, words.count))) >= 0.7 }) { continue }
            if out.contains(where: { $0.citation.block == item.citation.block }) { continue }
            seen.append(words)
            out.append(item)
        }
        return out
    }
}

/// Phrases that mark what a sentence of a meeting does.
struct Cue {
    let expression: NSRegularExpression?

    init(_ pattern: String) { expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) }

    func matches(_ s: String) -> Bool {
        expression?.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// The sentence without a leading "So, decision two:" style label.
    func stripLead(_ s: String) -> String {
        let lead = try? NSRegularExpression(pattern: #"^(so,?\s+|okay,?\s+|right,?\s+)*decision(\s+\w+)?\s*:\s*"#,
                                            options: [.caseInsensitive])
        let out = lead?.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "") ?? s
        guard let first = out.first else { return s }
        return first.uppercased() + out.dropFirst()
    }

    static let decision = Cue(#"\bdecision(\s+\w+)?\s*:|^(so,?\s+)?let's\s+(take|keep|go with|use|stick with|postpone|move|adopt|approve|accept|choose|pick)\b|\bwe('ve| have)?\s+(all\s+)?(agreed|decided)\b|\b(let's|we'll|we will)\s+go\s+(with|ahead)\b|\bwe('re| are)\s+going\s+(with|ahead)\b|\bthe decision is\b|\bis approved\b|\bwe approve\b"#)
    static let agreement = Cue(#"^(agreed|okay|ok|fine|good|great|right)[.!]?$"#)
    static let proposal = Cue(#"^(so,?\s+)?let's\s+(?!not\b|come back|park|leave)\w+"#)
    static let acceptance = Cue(#"^(yes|yeah|yep|sure|will do|ok|okay|of course|happy to|no problem|i'll|i will|i can|on it|absolutely|fine)\b"#)
    static let commitment = Cue(#"\b(I'll|I will|I'm going to|I am going to|I can have|I'll have|we'll|we will)\b"#)
    static let request = Cue(#"\b(can|could|would|will) you\b|\bplease\b"#)
    static let task = Cue(#"\b(send|ring|call|email|e-mail|draft|prepare|update|confirm|confirmed|circulate|check|ask|book|schedule|write|review|share|order|tell|announce|follow up|set up|organi[sz]e|arrange|fix|finish|deliver|submit|contact|look into|find out|put|redo|get|bring|invite|chase|sort out|talk to|speak to|present|test|install|move)\b"#)
    static let open = Cue(#"\b(open question|still open|leave it open|stay(s)? open|as open|parking it|park (it|that|this)|come back to (that|it|this)|revisit|not sure yet|(don't|do not) know yet|haven't (actually )?decided|we('ve| have)n't decided|(don't|do not) think we've (actually )?decided|to be (decided|confirmed)|TBD|still (don't|do not) know|unresolved|needs? (to find out|Moira|more information)|let's not (solve|decide|guess))\b"#)
    static let unknown = Cue(#"\b(don't|do not|still don't) know (whether|if|who|what|how|when)\b|\bwhether\b.*\b(or not|applies|apply)\b"#)
}

/// When something is due, as said: "by Friday the fourteenth", "before the
/// March board meeting", "by the end of next week", "today".
enum DueDate {
    private static let pattern = try? NSRegularExpression(pattern: #"\b(by|before|until|no later than|on)\s+((next|this)\s+)?((monday|tuesday|wednesday|thursday|friday|saturday|sunday)(\s+the\s+[a-z]+(-[a-z]+)?(\s+of\s+[a-z]+)?)?|the\s+end\s+of\s+(the\s+|next\s+|this\s+)?(day|week|month|quarter|year)|end\s+of\s+(the\s+|next\s+|this\s+)?(day|week|month|quarter|year)|tomorrow|tonight|the\s+[a-z]+(-[a-z]+)?(\s+of\s+(january|february|march|april|may|june|july|august|september|october|november|december))?|(the\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\s+(board\s+)?meeting|\d{1,2}(st|nd|rd|th)?(\s+(january|february|march|april|may|june|july|august|september|october|november|december))?)\b|\b(today|tomorrow|tonight)\b"#, options: [.caseInsensitive])

    private static let notDates: Set<String> = ["the way", "the phone", "the call", "the site", "the team", "the floor", "the list"]

    static func find(in sentence: String) -> String? {
        guard let pattern else { return nil }
        for m in pattern.matches(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)) {
            guard let r = Range(m.range, in: sentence) else { continue }
            let found = String(sentence[r])
            let tail = found.split(separator: " ").dropFirst().joined(separator: " ").lowercased()
            if notDates.contains(tail) { continue }
            if found.lowercased().hasPrefix("on "), !found.lowercased().contains("day") { continue }
            if tail.hasPrefix("the "), !isDateWord(tail) { continue }
            return found
        }
        return nil
    }

    /// "the fourteenth", "the end of …", "the March board meeting": a date, not "the printer".
    private static func isDateWord(_ tail: String) -> Bool {
        let word = tail.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return word == "end" || word.hasSuffix("th") || word.hasSuffix("st") || word.hasSuffix("nd") || word.hasSuffix("rd")
            || NumberReader.values(in: word).isEmpty == false || tail.contains("meeting")
    }
}

/// A meeting sentence turned into a task: "I'll send the draft tonight" →
/// "Send the draft tonight."; "Malik, can you confirm the quote by Friday?"
/// → "Confirm the quote by Friday."
enum Task {
    static func phrase(_ sentence: String, addressee: String? = nil) -> String {
        var s = sentence.trimmingWhitespace()
        let leads = [#"^(yes|yeah|sure|okay|ok|right|so|and|great|perfect|good)[,.!]?\s+"#,
                     #"^(I'll|I will|I'm going to|I am going to|I can|we'll|we will)\s+"#,
                     #"^(\w+,\s+)?(can|could|would|will)\s+you\s+(please\s+)?"#, #"^please\s+"#]
        for lead in leads {
            guard let re = try? NSRegularExpression(pattern: lead, options: [.caseInsensitive]) else { continue }
            s = re.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "")
        }
        if let addressee { s = s.replacingOccurrences(of: ", \(addressee)?", with: "?") }
        while let last = s.last, "?.!,".contains(last) { s.removeLast() }
        guard let first = s.first, s.split(separator: " ").count >= 2 else { return sentence }
        return first.uppercased() + s.dropFirst() + "."
    }
}
