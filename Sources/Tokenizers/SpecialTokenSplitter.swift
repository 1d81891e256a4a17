#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of text to tokenize normally, or a special token found in the text.
enum Fragment: Equatable {
    case text(Range<Int>)
    case token(Int32)
}

/// Splits special tokens out of raw text before the tokenizer algorithm runs.
///
/// Mirrors llama.cpp's `tokenizer_st_partition`: tokens are tried longest
/// first, each splitting every remaining text fragment at all of its
/// occurrences. Control and unknown tokens are only split when parsing
/// specials is requested; user-defined tokens always are.
enum SpecialTokenSplitter {
    static func split(_ bytes: [UInt8], specials: [Vocabulary.SpecialToken], parseSpecial: Bool) -> [Fragment] {
        guard !bytes.isEmpty else { return [] }
        var fragments: [Fragment] = [.text(0..<bytes.count)]
        bytes.withUnsafeBufferPointer { buffer in
            for special in specials where (parseSpecial || !special.needsParseSpecial) && !special.bytes.isEmpty {
                fragments = fragments.flatMap { fragment -> [Fragment] in
                    guard case let .text(range) = fragment else { return [fragment] }
                    return splitOne(buffer, range, special)
                }
            }
        }
        return fragments
    }

    private static func splitOne(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                 _ special: Vocabulary.SpecialToken) -> [Fragment] {
        var result: [Fragment] = []
        var start = range.lowerBound
        var pos = range.lowerBound
        let needle = special.bytes
        let last = range.upperBound - needle.count
        guard let base = text.baseAddress else { return [.text(range)] }
        let first = Int32(needle[0])
        while pos <= last {
            guard let hit = memchr(base + pos, first, last - pos + 1) else { break }
            pos = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if matches(text, at: pos, needle) {
                if pos > start { result.append(.text(start..<pos)) }
                result.append(.token(special.id))
                pos += needle.count
                start = pos
            } else {
                pos += 1
            }
        }
        if start == range.lowerBound { return [.text(range)] }
        if start < range.upperBound { result.append(.text(start..<range.upperBound)) }
        return result
    }

    @inline(__always)
    private static func matches(_ text: UnsafeBufferPointer<UInt8>, at pos: Int, _ needle: [UInt8]) -> Bool {
        for k in 1..<needle.count where text[pos + k] != needle[k] { return false }
        return true
    }
}
