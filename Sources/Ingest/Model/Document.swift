/// A document as the rest of Precis sees it: metadata, a tree of sections
/// holding blocks in reading order, and a hash of the source bytes.
///
/// Every format parser produces this one shape so that prompting, citation
/// and summarization never need to know where a text came from.
public struct Document: Codable, Hashable, Sendable {
    /// Descriptive data about the source (title, authors, format, …).
    public var metadata: Metadata
    /// The root of the section tree. Its `level` is 0 and it has no heading;
    /// blocks that precede the first heading live directly in it.
    public var root: Section
    /// Lower-case hex SHA-256 of the source file's bytes, used to recognise a
    /// document that was already read.
    public var contentHash: String

    public init(metadata: Metadata, root: Section, contentHash: String) {
        self.metadata = metadata
        self.root = root
        self.contentHash = contentHash
    }

    /// All blocks in reading order.
    public var blocks: [Block] {
        var out: [Block] = []
        root.forEachBlock { _, block in out.append(block) }
        return out
    }

    /// All sections with a heading, depth first, in reading order.
    public var sections: [Section] {
        var out: [Section] = []
        func visit(_ s: Section) {
            if s.heading != nil { out.append(s) }
            s.children.forEach(visit)
        }
        visit(root)
        return out
    }

    /// The block with the given identifier, if any.
    public func block(id: Int) -> Block? {
        var found: Block?
        root.forEachBlock { _, block in if block.id == id { found = block } }
        return found
    }
}

/// Descriptive data about a source document.
public struct Metadata: Codable, Hashable, Sendable {
    /// The file the document was read from (as given by the caller).
    public var source: String
    public var title: String?
    public var authors: [String]
    /// BCP 47 language tag when the source declares one.
    public var language: String?
    public var format: DocumentFormat
    /// The text encoding detected for text formats (e.g. "UTF-8",
    /// "Windows-1252 (fallback)"); nil for container formats.
    public var encoding: String?
    /// Number of pages for paged formats (PDF).
    public var pageCount: Int?
    /// Non-fatal observations made while reading (fallback encodings,
    /// skipped parts, recovered markup).
    public var notes: [String]
    /// Text the file holds that the document lacks or may lack (pages a
    /// damaged PDF lost, chapters an EPUB points to outside its archive, zip
    /// entries hidden by a later one of the same name): the document is
    /// incomplete, and readers of it should be told. `precis ingest` prints
    /// each as `warning: FILE: reason`; batch runs record them per document.
    public var warnings: [String]

    public init(source: String, title: String? = nil, authors: [String] = [], language: String? = nil,
                format: DocumentFormat, encoding: String? = nil, pageCount: Int? = nil, notes: [String] = [],
                warnings: [String] = []) {
        self.source = source
        self.title = title
        self.authors = authors
        self.language = language
        self.format = format
        self.encoding = encoding
        self.pageCount = pageCount
        self.notes = notes
        self.warnings = warnings
    }
}

/// The formats Precis can read, as detected from content.
public enum DocumentFormat: String, Codable, Hashable, Sendable, CaseIterable {
    case plainText = "text"
    case markdown
    case html
    case epub
    case docx
    case pdf
    case srt
    case webvtt
    case speakerText = "speaker-text"
}
