/// Limits and switches that bound what ingestion will read.
///
/// Every limit exists so that one hostile or broken file fails with a clear
/// error instead of exhausting memory or time for the whole batch.
public struct IngestOptions: Sendable, Hashable {
    /// Largest input file accepted, in bytes.
    public var maxFileSize: Int = 256 << 20
    /// Largest uncompressed size of one zip entry, in bytes.
    public var maxEntrySize: Int = 64 << 20
    /// Largest uncompressed size of all zip entries read from one archive.
    public var maxTotalUncompressed: Int = 512 << 20
    /// Largest ratio of uncompressed to compressed size for an entry.
    public var maxCompressionRatio: Int = 200
    /// Entries smaller than this are exempt from the ratio check.
    public var ratioCheckFloor: Int = 1 << 20
    /// Deepest element nesting accepted in HTML or XML.
    public var maxNestingDepth: Int = 256
    /// Seconds `pdftotext` may run before it is stopped.
    public var pdfTimeout: Double = 60
    /// Seconds one document may take to read; a document over it fails with
    /// `IngestError.overBudget` (the parsers are linear, so only a hostile or
    /// huge file gets near it) and a batch goes on with the next.
    public var maxParseSeconds: Double = 60
    /// Most text one document may hold, in UTF-8 bytes: bounds the memory a
    /// parse builds beyond the (already bounded) input.
    public var maxTextBytes: Int = 256 << 20
    /// When the document being read must be done; set by `Ingester` for each document.
    var deadline: ContinuousClock.Instant?
    /// Include DOCX headers and footers in the document.
    public var includeHeadersAndFooters: Bool = false

    public init() {}
}
