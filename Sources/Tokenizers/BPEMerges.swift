/// The merge rules of a byte-level BPE vocabulary, keyed by symbol ids.
///
/// Every symbol (a byte, or the result of a merge) is identified by its
/// vocabulary id; merge results missing from the vocabulary get synthetic ids
/// past the end so the algorithm stays integer-only.
struct BPEMergeTable: Sendable {
    /// Symbol id of each raw byte (its GPT-2 printable character).
    let byteSymbol: [Int32]
    /// `(left << 32 | right)` → `(rank << 32 | result)`.
    private let rules: [UInt64: UInt64]
    /// Vocabulary spelling of each synthetic id, at index `id - vocabularySize`.
    let syntheticTexts: [String]
    let vocabularySize: Int

    init(merges: [String], vocabulary: Vocabulary) {
        var synthetic: [String] = []
        var syntheticIDs: [String: Int32] = [:]
        let n = vocabulary.count
        func symbol(_ text: String) -> Int32 {
            if let id = vocabulary.id(of: text) { return id }
            if let id = syntheticIDs[text] { return id }
            let id = Int32(n + synthetic.count)
            synthetic.append(text)
            syntheticIDs[text] = id
            return id
        }
        byteSymbol = (0..<256).map { b in symbol(ByteEncoder.encode([UInt8(b)])) }
        var rules: [UInt64: UInt64] = [:]
        rules.reserveCapacity(merges.count)
        for (rank, merge) in merges.enumerated() {
            guard let (left, right) = Self.parts(of: merge) else { continue }
            let key = UInt64(UInt32(bitPattern: symbol(left))) << 32 | UInt64(UInt32(bitPattern: symbol(right)))
            if rules[key] != nil { continue }
            let result = symbol(left + right)
            rules[key] = UInt64(rank) << 32 | UInt64(UInt32(bitPattern: result))
        }
        self.rules = rules
        self.syntheticTexts = synthetic
        self.vocabularySize = n
    }

    /// Splits "a b" at the first space after the first byte, as llama.cpp does.
    private static func parts(of merge: String) -> (String, String)? {
        let bytes = Array(merge.utf8)
        guard bytes.count > 1, let space = bytes[1...].firstIndex(of: 0x20) else { return nil }
        return (String(decoding: bytes[..<space], as: UTF8.self), String(decoding: bytes[(space + 1)...], as: UTF8.self))
    }

    /// The rank and result of merging `left` with `right`, if a rule exists.
    @inline(__always)
    func rule(_ left: Int32, _ right: Int32) -> (rank: UInt32, result: Int32)? {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        guard let value = rules[key] else { return nil }
        return (UInt32(truncatingIfNeeded: value >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: value)))
    }

    /// Applies the merges to a word's symbols: repeatedly the lowest-rank
    /// adjacent pair, leftmost first, via a min-heap over a linked list.
    func apply(_ initial: [Int32]) -> [Int32] {
        let n = initial.count
        guard n > 1 else { return initial }
        var symbols = initial
        var next = (0..<n).map { Int32($0 + 1) }
        var prev = (0..<n).map { Int32($0 - 1) }
        next[n - 1] = -1
        var alive = [Bool](repeating: true, count: n)
        var heap = MinHeap()
        for i in 0..<(n - 1) { push(&heap, symbols, i, i + 1) }
        while let top = heap.pop() {
            let left = Int(top & 0xFFFF_FFFF), rank = UInt32(top >> 32)
            guard alive[left], next[left] >= 0 else { continue }
            let right = Int(next[left])
            guard let rule = rule(symbols[left], symbols[right]), rule.rank == rank else { continue }
            symbols[left] = rule.result
            alive[right] = false
            next[left] = next[right]
            if next[right] >= 0 { prev[Int(next[right])] = Int32(left) }
            if prev[left] >= 0 { push(&heap, symbols, Int(prev[left]), left) }
            if next[left] >= 0 { push(&heap, symbols, left, Int(next[left])) }
        }
        var out: [Int32] = []
        var i = 0
        while i >= 0 {
            out.append(symbols[i])
            i = Int(next[i])
        }
        return out
    }

    @inline(__always)
    private func push(_ heap: inout MinHeap, _ symbols: [Int32], _ left: Int, _ right: Int) {
        if let rule = rule(symbols[left], symbols[right]) {
            heap.push(UInt64(rule.rank) << 32 | UInt64(left))
        }
    }
}

/// A binary min-heap of packed `(rank << 32 | position)` keys.
struct MinHeap {
    private var items: [UInt64] = []

    mutating func push(_ value: UInt64) {
        items.append(value)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[parent] > items[i] else { break }
            items.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> UInt64? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items[0] = last
        var i = 0
        let n = items.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < n && items[l] < items[smallest] { smallest = l }
            if r < n && items[r] < items[smallest] { smallest = r }
            if smallest == i { break }
            items.swapAt(i, smallest)
            i = smallest
        }
        return first
    }
}
