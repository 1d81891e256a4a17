import Ingest

/// Cuts a segment's blocks into the parts summarized one by one: its
/// top-level sections (a book's chapters), a long one cut into windows at
/// subsection or block boundaries, short neighbours joined; a text without
/// headings (a transcript) is cut into windows of consecutive blocks.
///
/// Each part is small enough to be read on its own right before its
/// request, so its summary is about that part and nothing else.
struct PartPlanner {
    /// Counts the tokens of a text.
    let count: (String) -> Int
    /// Never join two top-level sections (a book's chapters).
    var keepChaptersApart = false
    var maxTokens = 800
    /// Parts smaller than this are joined to a neighbour (at least `floor`,
    /// more for a long segment so it is read in about `targetParts` parts).
    var minTokens = 40
    var window = 600
    var targetParts = 16

    typealias Piece = Segmenter.Piece

    /// The parts of `entries` (a segment's blocks in order), rendered like segments.
    /// A heading every block sits under (the document's title) is left out of the parts' headings and labels.
    func parts(of entries: ArraySlice<SourceIndex.Entry>, metadata: Metadata, title: String? = nil) -> [Segment] {
        let pieces = self.pieces(entries, title: title)
        var planner = self
        planner.minTokens = max(minTokens, tokens(pieces) / targetParts)
        var groups: [[Piece]] = []
        for run in planner.runs(pieces) { groups += planner.split(run) }
        return render(planner.joinSmall(groups), metadata: metadata)
    }

    /// `entries` cut at every section boundary, one part per section: for a
    /// part whose summary left most of its sections out.
    func sections(of entries: ArraySlice<SourceIndex.Entry>, metadata: Metadata, title: String? = nil) -> [Segment] {
        var groups: [[Piece]] = []
        for piece in pieces(entries, title: title) {
            if let last = groups.last?.last, last.path == piece.path { groups[groups.count - 1].append(piece) } else { groups.append([piece]) }
        }
        return render(groups, metadata: metadata)
    }

    private func pieces(_ entries: ArraySlice<SourceIndex.Entry>, title: String?) -> [Piece] {
        entries.map { e in
            Piece(path: title != nil && e.path.first == title ? Array(e.path.dropFirst()) : e.path, block: e.block,
                  tokens: count(e.block.text) + 4)
        }
    }

    private func render(_ groups: [[Piece]], metadata: Metadata) -> [Segment] {
        var bare = metadata
        bare.title = nil
        bare.authors = []
        let renderer = Segmenter(budget: Int.max / 2, breakAtChapters: false, count: count)
        return groups.enumerated().map { renderer.render($1, index: $0, metadata: bare) }
    }

    /// Consecutive pieces under the same top-level heading.
    private func runs(_ pieces: [Piece]) -> [[Piece]] {
        var out: [[Piece]] = []
        for piece in pieces {
            if let last = out.last?.last, last.path.first == piece.path.first { out[out.count - 1].append(piece) } else { out.append([piece]) }
        }
        return out
    }

    /// A run over `maxTokens` cut into windows, preferring subsection boundaries.
    private func split(_ run: [Piece]) -> [[Piece]] {
        guard tokens(run) > maxTokens else { return [run] }
        var out: [[Piece]] = [], current: [Piece] = [], used = 0
        for piece in run {
            let newSubsection = current.last.map { $0.path != piece.path } ?? false
            if !current.isEmpty && (used + piece.tokens > maxTokens || (used >= window) || (newSubsection && used >= minTokens)) {
                out.append(current)
                current = []
                used = 0
            }
            current.append(piece)
            used += piece.tokens
        }
        if !current.isEmpty {
            if used < minTokens, let last = out.last, tokens(last) + used <= maxTokens { out[out.count - 1] += current } else { out.append(current) }
        }
        return out
    }

    /// Neighbouring parts under `minTokens` joined while they stay within `maxTokens`.
    private func joinSmall(_ groups: [[Piece]]) -> [[Piece]] {
        var out: [[Piece]] = []
        for group in groups {
            if let last = out.last, tokens(last) < minTokens || tokens(group) < minTokens,
               tokens(last) + tokens(group) <= maxTokens,
               !keepChaptersApart || last.first?.path.first == group.first?.path.first {
                out[out.count - 1] += group
            } else {
                out.append(group)
            }
        }
        return out
    }

    private func tokens(_ pieces: [Piece]) -> Int { pieces.reduce(0) { $0 + $1.tokens } }
}
