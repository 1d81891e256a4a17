import Ingest

/// Splits a document into segments the model can read in one prefill,
/// breaking at section boundaries where it can, at block boundaries where it
/// must, and inside a block (at sentence ends) only when one block alone is
/// too long.
public struct Segmenter {
    /// Most tokens a segment's text may have.
    public var budget: Int
    /// Never put two top-level sections (a book's chapters) in one segment,
    /// so every chapter's summary comes from its own segments.
    public var breakAtChapters: Bool
    /// Counts the tokens of a text.
    public var count: (String) -> Int

    public init(budget: Int, breakAtChapters: Bool, count: @escaping (String) -> Int) {
        self.budget = max(64, budget)
        self.breakAtChapters = breakAtChapters
        self.count = count
    }

    /// The segments of `document`, in order; their texts are each at most `budget` tokens.
    public func segments(of document: Document) -> [Segment] {
        var limit = budget * 9 / 10
        var result: [Segment] = []
        for _ in 0..<4 {  // rendering adds headings and separators: shrink until every segment fits
            result = pack(pieces(of: document, limit: limit), limit: limit).enumerated().map { index, pieces in
                render(pieces, index: index, metadata: document.metadata)
            }
            guard result.contains(where: { $0.tokens > budget }) else { break }
            limit = limit * 4 / 5
        }
        return result
    }

    /// One block with the heading path of its section.
    struct Piece {
        var path: [String]
        var block: Block
        var tokens: Int
    }

    /// Every block in reading order, blocks over `limit` split at sentence ends.
    func pieces(of document: Document, limit: Int) -> [Piece] {
        var out: [Piece] = []
        document.root.forEachBlock { section, block in
            let tokens = count(block.text) + 2
            guard tokens > limit else { return out.append(Piece(path: section.path, block: block, tokens: tokens)) }
            for part in split(block.text, limit: limit) {
                var b = block
                b.text = part
                out.append(Piece(path: section.path, block: b, tokens: count(part) + 2))
            }
        }
        return out
    }

    /// Consecutive pieces grouped so each group's tokens stay within `limit`.
    func pack(_ pieces: [Piece], limit: Int) -> [[Piece]] {
        var groups: [[Piece]] = [], current: [Piece] = [], used = 0
        for (i, piece) in pieces.enumerated() {
            let newSection = i == 0 || piece.path != pieces[i - 1].path
            let cost = piece.tokens + (newSection ? count(piece.path.joined(separator: " › ")) + 4 : 0)
            if !current.isEmpty && shouldBreak(before: i, in: pieces, used: used, cost: cost, newSection: newSection,
                                               limit: limit) {
                groups.append(current)
                current = []
                used = 0
            }
            current.append(piece)
            used += cost
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    private func shouldBreak(before i: Int, in pieces: [Piece], used: Int, cost: Int, newSection: Bool, limit: Int) -> Bool {
        if used + cost > limit { return true }
        guard newSection else { return false }
        if breakAtChapters && pieces[i].path.first != pieces[i - 1].path.first { return true }
        // Rather than cut a section that would fit a segment of its own, start one.
        let path = pieces[i].path
        let sectionTokens = pieces[i...].prefix { $0.path == path }.reduce(0) { $0 + $1.tokens }
        return used + sectionTokens > limit && sectionTokens <= limit && used > limit / 3
    }

    /// `text` cut at sentence ends (or spaces, or anywhere) into parts of at most `limit` tokens.
    func split(_ text: String, limit: Int) -> [String] {
        var parts: [String] = [], current = ""
        for sentence in sentences(text) {
            if count(sentence) > limit {
                if !current.isEmpty { parts.append(current); current = "" }
                parts += splitWords(sentence, limit: limit)
            } else if count(current + sentence) > limit {
                parts.append(current)
                current = sentence
            } else {
                current += sentence
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    private func sentences(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text {
            current.append(ch)
            if ch == " ", let last = current.dropLast().last, ".!?".contains(last) {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private func splitWords(_ text: String, limit: Int) -> [String] {
        var parts: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if count(String(word)) > limit {  // no spaces to cut at (a long URL, base64, CJK text)
                if !current.isEmpty { parts.append(current); current = "" }
                parts += splitCharacters(String(word), limit: limit)
                continue
            }
            let next = current.isEmpty ? String(word) : current + " " + word
            if count(next) > limit && !current.isEmpty {
                parts.append(current)
                current = String(word)
            } else {
                current = next
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// `text` cut into runs of characters of at most `limit` tokens each,
    /// each as long as a binary search on its length finds.
    private func splitCharacters(_ text: String, limit: Int) -> [String] {
        var parts: [String] = [], rest = Substring(text)
        while !rest.isEmpty {
            var lo = 1, hi = rest.count
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if count(String(rest.prefix(mid))) <= limit { lo = mid } else { hi = mid - 1 }
            }
            parts.append(String(rest.prefix(lo)))
            rest = rest.dropFirst(lo)
        }
        return parts
    }

    /// The segment of `pieces`: its text rendered like a document (title,
    /// section headings, blocks) and what it covers.
    func render(_ pieces: [Piece], index: Int, metadata: Metadata) -> Segment {
        var root = Section(heading: nil, level: 0, path: [])
        var paths: [[String]] = []
        for piece in pieces {
            if paths.last != piece.path {
                paths.append(piece.path)
                let heading = piece.path.isEmpty ? nil : piece.path.joined(separator: " › ")
                root.children.append(Section(heading: heading, level: min(max(piece.path.count, 1), 3), path: piece.path))
            }
            root.children[root.children.count - 1].blocks.append(piece.block)
        }
        let rendered = Document(metadata: metadata, root: root, contentHash: "").rendered()
        var segment = Segment(index: index, sectionPaths: paths.filter { !$0.isEmpty }, chapter: pieces.first?.path.first,
                              firstBlock: pieces.first?.block.id ?? 0, lastBlock: pieces.last?.block.id ?? 0,
                              pages: nil, start: nil, end: nil, speakers: [], text: rendered.text,
                              tokens: count(rendered.text), blockSpans: rendered.spans)
        Self.describeSources(of: pieces.map(\.block), into: &segment)
        return segment
    }

    /// Fills in the pages, times and speakers `blocks` cover.
    static func describeSources(of blocks: [Block], into segment: inout Segment) {
        var pages: [Int] = []
        for block in blocks {
            if case .page(let p) = block.span { pages.append(p) }
            guard case let .turn(speaker, start, end) = block.kind else { continue }
            if let speaker, !segment.speakers.contains(speaker) { segment.speakers.append(speaker) }
            if let start { segment.start = min(segment.start ?? start, start) }
            if let end = end ?? start { segment.end = max(segment.end ?? end, end) }
        }
        if let lo = pages.min(), let hi = pages.max() { segment.pages = lo...hi }
    }
}
