extension GenreStructure {
    /// The tables a document of `genre` gets: key and defined terms of a
    /// legal document, minutes of a meeting, characters and events of a book.
    static func extract(genre: DocumentGenre, index: SourceIndex, chapters: [PartSummary]) -> GenreStructure {
        var s = GenreStructure()
        switch genre {
        case .legal:
            s.keyTerms = KeyTermsTable.extract(index)
            s.definedTerms = DefinedTerms.extract(index)
        case .transcript:
            let minutes = MeetingMinutes(index)
            s.decisions = minutes.decisions
            s.actionItems = minutes.actionItems
            s.openQuestions = minutes.openQuestions
        case .book:
            s.characters = CharacterList.extract(index)
            s.events = chapters.compactMap { chapter in
                chapter.summary.points.first.map { point in
                    var p = point
                    p.heading = chapter.label
                    return p
                }
            }
        case .other:
            break
        }
        return s
    }
}
