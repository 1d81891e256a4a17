/// The symbol-merging core of llama.cpp's SentencePiece tokenizer.
///
/// Starts from one symbol per UTF-8 character and repeatedly merges the
/// adjacent pair whose concatenation is the highest-scoring vocabulary entry
/// (leftmost on ties), using a priority queue over a linked list of symbols.
struct SentencePieceMerger {
    private struct Symbol {
        var start: Int
        var length: Int
        var prev: Int
        var next: Int
    }

    private struct Bigram {
        let left: Int
        let right: Int
        let score: Float
        let size: Int

        /// Heap order: higher score first, then smaller left index.
        func precedes(_ other: Bigram) -> Bool {
            score != other.score ? score > other.score : left < other.left
        }
    }

    private let text: [UInt8]
    private let score: ([UInt8]) -> Float?
    private var symbols: [Symbol] = []
    private var queue: [Bigram] = []

    /// - Parameter score: the score of a vocabulary entry with these bytes, nil if none.
    init(text: [UInt8], score: @escaping ([UInt8]) -> Float?) {
        self.text = text
        self.score = score
        var offset = 0
        while offset < text.count {
            let length = min(Self.utf8Length(text[offset]), text.count - offset)
            let index = symbols.count
            symbols.append(Symbol(start: offset, length: length, prev: index - 1,
                                  next: offset + length == text.count ? -1 : index + 1))
            offset += length
        }
    }

    mutating func run() {
        for i in symbols.indices.dropFirst() { addBigram(i - 1, i) }
        while let bigram = popBest() {
            let left = symbols[bigram.left], right = symbols[bigram.right]
            if left.length == 0 || right.length == 0 || left.length + right.length != bigram.size { continue }
            symbols[bigram.left].length += right.length
            symbols[bigram.right].length = 0
            symbols[bigram.left].next = right.next
            if right.next >= 0 { symbols[right.next].prev = bigram.left }
            addBigram(symbols[bigram.left].prev, bigram.left)
            addBigram(bigram.left, symbols[bigram.left].next)
        }
    }

    /// Byte ranges of the remaining symbols, in order.
    func finalSymbols() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = symbols.isEmpty ? -1 : 0
        while i >= 0 {
            let s = symbols[i]
            result.append(s.start..<(s.start + s.length))
            i = s.next
        }
        return result
    }

    private mutating func addBigram(_ left: Int, _ right: Int) {
        guard left >= 0, right >= 0 else { return }
        let start = symbols[left].start
        let size = symbols[left].length + symbols[right].length
        guard let s = score(Array(text[start..<(start + size)])) else { return }
        push(Bigram(left: left, right: right, score: s, size: size))
    }

    private mutating func push(_ item: Bigram) {
        queue.append(item)
        var i = queue.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard queue[i].precedes(queue[parent]) else { break }
            queue.swapAt(parent, i)
            i = parent
        }
    }

    private mutating func popBest() -> Bigram? {
        guard let best = queue.first else { return nil }
        let last = queue.removeLast()
        if queue.isEmpty { return best }
        queue[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var top = i
            if l < queue.count && queue[l].precedes(queue[top]) { top = l }
            if r < queue.count && queue[r].precedes(queue[top]) { top = r }
            if top == i { break }
            queue.swapAt(i, top)
            i = top
        }
        return best
    }

    /// Sequence length announced by a UTF-8 lead byte (llama.cpp's `unicode_len_utf8`).
    static func utf8Length(_ lead: UInt8) -> Int {
        let lookup = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4]
        return lookup[Int(lead >> 4)]
    }
}
