import Inference
import Ingest

/// Which citable unit (a source block, or an earlier summary point) each
/// token of a text belongs to, so that attention on cache positions can be
/// read as attention on units.
enum TokenPlacement {
    /// A unit's place in a text, in UTF-8 byte offsets.
    struct Span: Sendable {
        var unit: Int
        var start: Int
        var end: Int
    }

    /// For each token of `tokens` (the encoding of `text`), the unit whose
    /// span holds the token's first byte, or −1.
    static func units(of tokens: [Int32], spans: [Span], tokenizer: any Tokenizer) -> [Int32] {
        let sorted = spans.sorted { $0.start < $1.start }
        var out: [Int32] = [], offset = 0, s = 0
        out.reserveCapacity(tokens.count)
        for (i, token) in tokens.enumerated() {
            var length = tokenizer.tokenBytes(token, skipSpecial: true).count
            if i == 0, tokenizer.stripsLeadingSpace, length > 0 { length -= 1 }   // SentencePiece's dummy prefix
            let first = offset + (length > 1 && i > 0 ? 1 : 0)   // a leading space belongs to the word after it
            while s < sorted.count, sorted[s].end <= first { s += 1 }
            out.append(s < sorted.count && sorted[s].start <= first ? Int32(sorted[s].unit) : -1)
            offset += length
        }
        return out
    }

    /// Spans of a rendered text's blocks as units of `index` (blocks it does not know are left out).
    static func spans(_ rendered: [RenderedText.Span], in index: SourceIndex, shift: Int = 0) -> [Span] {
        rendered.compactMap { span in
            index.position(block: span.blockID).map { Span(unit: $0, start: span.start + shift, end: span.end + shift) }
        }
    }
}
