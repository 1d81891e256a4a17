/// A tokenizer whose ids index a vocabulary and a table of precomputed byte
/// pieces; the id ↔ text lookups are the same for every such algorithm.
protocol PieceTableTokenizer: Tokenizer {
    var vocabulary: Vocabulary { get }
    /// The UTF-8 bytes each id stands for.
    var pieces: [[UInt8]] { get }
}

extension PieceTableTokenizer {
    public var vocabularySize: Int { vocabulary.count }
    public var bosID: Int32? { vocabulary.bosID }
    public var eosID: Int32? { vocabulary.eosID }
    public var eogIDs: Set<Int32> { vocabulary.eogIDs }

    public func tokenBytes(_ id: Int32, skipSpecial: Bool) -> [UInt8] {
        guard let type = vocabulary.type(of: id) else { return [] }
        if skipSpecial && (type == .control || type == .unknown) { return [] }
        return pieces[Int(id)]
    }

    public func tokenText(_ id: Int32) -> String? {
        vocabulary.type(of: id) == nil ? nil : vocabulary.tokens[Int(id)]
    }

    public func tokenID(forText text: String) -> Int32? { vocabulary.id(of: text) }

    public func isSpecial(_ id: Int32) -> Bool { vocabulary.type(of: id)?.isSpecial ?? false }
}
