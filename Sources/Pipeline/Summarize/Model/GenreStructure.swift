/// A row of a legal document's key-terms table: what the document says on
/// one subject, quoted from its clauses.
public struct KeyTerm: Codable, Sendable, Hashable {
    /// The subject: parties, fees and payment, dates and term, termination, liability, governing law.
    public var term: String
    /// The clause text that settles it (the document's own words, shortened to whole sentences).
    public var value: String
    public var citations: [Citation]
}

/// A term a legal document defines, quoted exactly.
public struct DefinedTerm: Codable, Sendable, Hashable {
    public var term: String
    public var definition: String
    public var citation: Citation
}

/// A decision, action item or open question of a meeting, from one turn.
public struct MeetingItem: Codable, Sendable, Hashable {
    /// The item as said (the turn's sentence that states it).
    public var text: String
    /// Who said it.
    public var speaker: String?
    /// Who is to do it (action items): the speaker who committed, or the person asked.
    public var owner: String?
    /// When it is due, as said ("by Friday the fourteenth").
    public var due: String?
    /// When it was said, as a compact time stamp ("12:37").
    public var time: String?
    public var citation: Citation
}

/// A named character of a book.
public struct BookCharacter: Codable, Sendable, Hashable {
    public var name: String
    /// Times the name occurs in the text.
    public var mentions: Int
    /// The chapter (or section) where the character first appears.
    public var firstAppears: String?
    public var citation: Citation?
}

/// The genre tables of a summary; each is empty for other genres.
public struct GenreStructure: Codable, Sendable, Hashable {
    public var keyTerms: [KeyTerm] = []
    public var definedTerms: [DefinedTerm] = []
    public var decisions: [MeetingItem] = []
    public var actionItems: [MeetingItem] = []
    public var openQuestions: [MeetingItem] = []
    public var characters: [BookCharacter] = []
    /// A book's main events, one per chapter, in order.
    public var events: [SummaryPoint] = []

    public init() {}
}
