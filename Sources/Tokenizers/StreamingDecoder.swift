/// Turns token ids into text one id at a time, emitting text only once its
/// UTF-8 is complete.
///
/// A character split across byte tokens (emoji, CJK under byte fallback or
/// byte-level BPE) is held back until its last byte arrives; bytes that can
/// never form a character are emitted as U+FFFD. Used by the generator to
/// stream output and by `decode` so both paths agree.
public struct StreamingDecoder {
    private let tokenizer: any Tokenizer
    private let skipSpecial: Bool
    private var pending: [UInt8] = []
    private var atStart = true

    /// - Parameter skipSpecial: render control tokens as nothing instead of their text.
    public init(tokenizer: any Tokenizer, skipSpecial: Bool = false) {
        self.tokenizer = tokenizer
        self.skipSpecial = skipSpecial
    }

    /// Adds one token; returns the text that became complete (possibly empty).
    public mutating func append(_ id: Int32) -> String {
        var bytes = tokenizer.tokenBytes(id, skipSpecial: skipSpecial)
        if atStart {
            if id == tokenizer.bosID && tokenizer.isSpecial(id) {
                return skipSpecial ? "" : String(decoding: bytes, as: UTF8.self)
            }
            atStart = false
            if tokenizer.stripsLeadingSpace, bytes.first == 0x20 { bytes.removeFirst() }
        }
        pending += bytes
        let cut = Self.completePrefixLength(pending)
        guard cut > 0 else { return "" }
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// Flushes held-back bytes (an unfinished character becomes U+FFFD).
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return pending.isEmpty ? "" : String(decoding: pending, as: UTF8.self)
    }

    /// Length of the longest prefix that does not end inside a character that
    /// may still be completed by later bytes.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        var i = n - 1
        var continuation = 0
        while i >= 0 && i >= n - 4 {
            let b = bytes[i]
            if b & 0xC0 == 0x80 {
                continuation += 1
                i -= 1
                continue
            }
            let needed = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 && b < 0xF0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : 0
            return needed > continuation ? i : n
        }
        return n
    }
}
