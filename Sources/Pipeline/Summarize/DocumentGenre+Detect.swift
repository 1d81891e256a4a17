import Ingest

extension DocumentGenre {
    /// The genre of `document`: transcripts by format; books are EPUBs or
    /// long texts with several top-level sections; legal documents by their
    /// vocabulary; anything else is `other`.
    public static func detect(_ document: Document) -> DocumentGenre {
        switch document.metadata.format {
        case .srt, .webvtt, .speakerText: return .transcript
        case .epub: return .book
        default: break
        }
        let text = document.blocks.prefix(200).map(\.text).joined(separator: " ").lowercased()
        let legalTerms = ["agreement", "hereinafter", "hereby", "party", "parties", "clause", "shall", "liability",
                          "termination", "governing law", "indemnif", "warrant", "lease", "landlord", "tenant",
                          "licensor", "licensee", "premises", "whereas", "jurisdiction", "breach"]
        if legalTerms.filter({ text.contains($0) }).count >= 4 { return .legal }
        let words = document.blocks.reduce(0) { $0 + $1.text.split(separator: " ").count }
        let chapters = document.root.children.filter { $0.heading != nil }.count
        if words > 20_000 && chapters >= 3 { return .book }
        return .other
    }
}
