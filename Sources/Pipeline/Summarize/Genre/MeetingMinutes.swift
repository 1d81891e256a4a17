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
        var answered = Set<Int>()   // turns whose commitments answer a request already recorded
        for (i, turn) in turns.enumerated() {
            decisions += Self.decisions(in: turn)
            let next = i + 1 < turns.count ? turns[i + 1] : nil
            if let request = Self.request(in: turn, next: next, speakers: speakers) {
                actions.append(request.item)
                if request.answered { answered.insert(i + 1) }
            } else if !answered.contains(i), let commitment = Self.commitment(in: turn, previous: i > 0 ? turns[i - 1] : nil) {
                actions.append(commitment)
            }
            if let k = turn.sentences.firstIndex(where: Cue.open.matches), let question = Self.question(before: k, turn: i, in: turns) {
                open.append(question)
            }
        }
        self.decisions = Self.distinct(decisions)
        actionItems = Self.distinct(actions)
        openQuestions = Self.distinct(open)
    }

    /// Decisions stated in `turn`: "Decision: …", "we're agreed: …", "Agreed. Let's keep …", and the
    /// sentences after "Decisions." in a recap.
    static func decisions(in turn: Turn) -> [MeetingItem] {
        var out: [MeetingItem] = [], inRecap = false
        for (k, sentence) in turn.sentences.enumerated() {
            if Cue.recapHeading.matches(sentence) {
                inRecap = sentence.lowercased().hasPrefix("decision")
                continue
            }
            let agreedThen = k > 0 && Cue.agreement.matches(turn.sentences[k - 1])
            guard !sentence.hasSuffix("?") else { continue }
            if inRecap || Cue.decision.matches(sentence) || (agreedThen && Cue.proposal.matches(sentence)) {
                out.append(item(Cue.decision.stripLead(sentence), turn))
            }
        }
        return out
    }

    /// A request in `turn` ("Malik, can you confirm …?", "Please send …") to a
    /// named person or accepted in the next turn, owned by who was asked; when
    /// that person answers with a commitment ("I'll have it done by Friday"),
    /// its due date completes the item.
    static func request(in turn: Turn, next: Turn?, speakers: Set<String>) -> (item: MeetingItem, answered: Bool)? {
        for sentence in turn.sentences where Cue.request.matches(sentence) && Cue.task.matches(sentence) {
            let named = speakers.filter { $0 != turn.speaker && sentence.contains($0) }.sorted().first
            let replies = next.map { n in Cue.acceptance.matches(n.sentences.first ?? "") || n.sentences.contains(where: Cue.commitment.matches) } ?? false
            let owner = named ?? (replies ? next?.speaker : nil)
            guard let owner, owner != turn.speaker else { continue }
            var item = item(Task.phrase(sentence, addressee: owner), turn)
            item.owner = owner
            item.due = DueDate.find(in: sentence)
            let answered = replies && next?.speaker == owner
            if answered, let n = next, let due = DueDate.best(in: n.sentences.filter(Cue.commitment.matches)) ?? DueDate.best(in: n.sentences),
               DueDate.rank(due) >= DueDate.rank(item.due ?? "") {
                item.due = due
            }
            return (item, answered)
        }
        return nil
    }

    /// A commitment in `turn` ("I'll …"), owned by its speaker: the one with
    /// the most definite date (a later one when a speaker corrects a date).
    static func commitment(in turn: Turn, previous: Turn?) -> MeetingItem? {
        let commitments = turn.sentences.filter { Cue.commitment.matches($0) && Cue.task.matches($0) && !Cue.obligation.matches($0) }
        guard !commitments.isEmpty else { return nil }
        let dated = commitments.filter { DueDate.find(in: $0) != nil }
        let sentence = dated.max { DueDate.rank(DueDate.find(in: $0)!) <= DueDate.rank(DueDate.find(in: $1)!) } ?? commitments[0]
        var text = Task.phrase(sentence)
        if let first = commitments.first, first != sentence, Cue.pronounObject.matches(sentence) {   // "I'll have them booked by …"
            text = Task.phrase(DueDate.removing(from: first)) + " " + text
        }
        var item = item(text, turn)
        item.owner = turn.speaker
        item.due = DueDate.find(in: sentence) ?? DueDate.best(in: turn.sentences)
            ?? previous.flatMap { p in DueDate.best(in: p.sentences.filter(Cue.request.matches)) }
        return item
    }

    /// The question an "open" remark (sentence `k` of turn `i`) refers to: a
    /// question said before it in that turn or in one of the three turns before.
    static func question(before k: Int, turn i: Int, in turns: [Turn]) -> MeetingItem? {
        for j in stride(from: i, through: max(0, i - 3), by: -1) {
            let turn = turns[j]
            let said = j == i ? Array(turn.sentences[..<k]) : turn.sentences
            if let q = said.last(where: { $0.hasSuffix("?") && $0.split(separator: " ").count >= 5 && !Cue.request.matches($0) }) {
                return item(q, turn)
            }
            if let q = (j == i ? turn.sentences : said).first(where: Cue.unknown.matches) { return item(q, turn) }
        }
        return nil
    }

    static func item(_ text: String, _ turn: Turn) -> MeetingItem {
        MeetingItem(text: text, speaker: turn.speaker, owner: nil, due: nil, time: turn.time,
                    citation: Citation(block: turn.entry.block.id, location: turn.entry.location))
    }

    /// Items without near-repeats: a read-back of the same decision or task
    /// keeps the first telling, taking a more definite due date from the later one.
    static func distinct(_ items: [MeetingItem]) -> [MeetingItem] {
        var out: [MeetingItem] = [], seen: [Set<String>] = []
        for item in items {
            let words = Lexicon.contentWords(item.text)
            let earlier = out.indices.first { k in
                let shared = Double(seen[k].intersection(words).count) / Double(max(1, min(seen[k].count, words.count)))
                return shared >= 0.7 || (shared >= 0.4 && out[k].owner != nil && out[k].owner == item.owner)
                    || out[k].citation.block == item.citation.block
            }
            if let k = earlier {
                if let due = item.due, out[k].owner == item.owner, DueDate.rank(due) > DueDate.rank(out[k].due ?? "") { out[k].due = due }
                continue
            }
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
        let lead = try? NSRegularExpression(
            pattern: #"^(so,?\s+|okay,?\s+|ok,?\s+|right,?\s+)*(decision(\s+\w+)?|we('re| are)\s+(all\s+)?agreed|we('ve| have)\s+(all\s+)?(agreed|decided))\s*(:|,|that)?\s*"#,
            options: [.caseInsensitive])
        let out = lead?.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: "") ?? s
        guard let first = out.first else { return s }
        return first.uppercased() + out.dropFirst()
    }

    static let recapHeading = Cue(#"^(decisions?|actions?|action items?)[.:]?$"#)
    static let decision = Cue(#"\bdecision(\s+\w+)?\s*:|\bwe('re| are)\s+(all\s+)?agreed\b|^(so,?\s+)?let's\s+(take|keep|go with|use|stick with|postpone|move|adopt|approve|accept|choose|pick)\b|\bwe('ve| have)?\s+(all\s+)?(agreed|decided)\b|\b(let's|we'll|we will)\s+go\s+(with|ahead)\b|\bwe('re| are)\s+going\s+(with|ahead)\b|\bthe decision is\b|\bis approved\b|\bwe approve\b"#)
    static let agreement = Cue(#"^(agreed|okay|ok|fine|good|great|right)[.!]?$"#)
    static let proposal = Cue(#"^(so,?\s+)?let's\s+(?!not\b|come back|park|leave)\w+"#)
    static let acceptance = Cue(#"^(yes|yeah|yep|sure|will do|ok|okay|of course|happy to|no problem|i'll|i will|i can|on it|absolutely|fine)\b"#)
    static let obligation = Cue(#"\b(I'll|I will|we'll|we will)\s+(need|have)\s+to\b"#)
    static let pronounObject = Cue(#"\b(them|it|this|that|those|these)\b"#)
    static let commitment = Cue(#"\b(I'll|I will|I'm going to|I am going to|I can have|I'll have|we'll|we will)\b"#)
    static let request = Cue(#"\b(can|could|would|will) you\b|\bplease\b"#)
    static let task = Cue(#"\b(send|ring|call|email|e-mail|draft|prepare|update|confirm|confirmed|circulate|check|ask|book|schedule|write|review|share|order|tell|announce|follow up|set up|organi[sz]e|arrange|fix|finish|deliver|submit|contact|look into|find out|put|redo|get|bring|invite|chase|sort out|talk to|speak to|present|test|install|move)\b"#)
    static let open = Cue(#"\b(open question|still open|leave it open|stay(s)? open|as open|parking it|park (it|that|this)|come back to (that|it|this)|revisit|not sure yet|(don't|do not) know yet|haven't (actually )?decided|we('ve| have)n't decided|(don't|do not) think we've (actually )?decided|to be (decided|confirmed)|TBD|still (don't|do not) know|unresolved|needs? (to find out|more information)|let's not (solve|decide|guess))\b"#)
    static let unknown = Cue(#"\b(don't|do not|still don't) know (whether|if|who|what|how|when)\b|\bwhether\b.*\b(or not|applies|apply)\b"#)
}

/// When something is due, as said: "by Friday the fourteenth", "before the
/// March board meeting", "by the end of next week", "today".
enum DueDate {
    private static let pattern = try? NSRegularExpression(pattern: #"\b(by|before|until|no later than|on)\s+((next|this)\s+)?((monday|tuesday|wednesday|thursday|friday|saturday|sunday)(\s+the\s+[a-z]+(-[a-z]+)?(\s+of\s+[a-z]+)?)?|the\s+end\s+of\s+(the\s+|next\s+|this\s+)?(day|week|month|quarter|year)|end\s+of\s+(the\s+|next\s+|this\s+)?(day|week|month|quarter|year)|tomorrow|tonight|the\s+[a-z]+(-[a-z]+)?(\s+of\s+(january|february|march|april|may|june|july|august|september|october|november|december))?|(the\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\s+(board\s+)?meeting|\d{1,2}(st|nd|rd|th)?(\s+(january|february|march|april|may|june|july|august|september|october|november|december))?)\b|\b(today|tomorrow|tonight)\b"#, options: [.caseInsensitive])

    private static let notDates: Set<String> = ["the way", "the phone", "the call", "the site", "the team", "the floor", "the list"]

    private static let bare = try? NSRegularExpression(pattern: #"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+the\s+[a-z]+(-[a-z]+)?\b|\bthe\s+[a-z]+(-[a-z]+)?\s+of\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b"#, options: [.caseInsensitive])

    /// The most definite due date said in `sentences` (a date over "this week" over "today"; later over earlier).
    static func best(in sentences: [String]) -> String? {
        let found = sentences.compactMap { find(in: $0) ?? bareDate(in: $0) }
        return found.enumerated().max { a, b in (rank(a.element), a.offset) < (rank(b.element), b.offset) }?.element
    }

    /// How definite a due date is: 2 for a day or date, 1 for "by the end of the week" or "tomorrow", 0 otherwise.
    static func rank(_ due: String) -> Int {
        let d = due.lowercased()
        if d.isEmpty { return -1 }
        if ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december"].contains(where: d.contains)
            || d.contains(where: \.isNumber) || d.hasSuffix("th") || d.hasSuffix("st") || d.hasSuffix("nd") || d.hasSuffix("rd") {
            return 2
        }
        return d.contains("today") || d.contains("tonight") ? 0 : 1
    }

    /// `sentence` without its due-date phrase ("… at the all-hands on Monday the sixteenth." → "… at the all-hands.").
    static func removing(from sentence: String) -> String {
        guard let due = find(in: sentence), let r = sentence.range(of: due) else { return sentence }
        var s = sentence
        s.removeSubrange(r)
        return s.replacingOccurrences(of: "  ", with: " ").replacingOccurrences(of: " .", with: ".").trimmingWhitespace()
    }

    static func bareDate(in sentence: String) -> String? {
        guard let bare, let m = bare.firstMatch(in: sentence, range: NSRange(sentence.startIndex..., in: sentence)),
              let r = Range(m.range, in: sentence) else { return nil }
        return String(sentence[r])
    }

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
