/// Everything that can make one document unreadable.
///
/// Each case names the file and the reason so that the CLI can print a single
/// line and move on to the next file; no case is ever a crash.
public enum IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    case fileNotFound(file: String)
    case unreadable(file: String, reason: String)
    case emptyFile(file: String)
    case fileTooLarge(file: String, size: Int, limit: Int)
    /// The bytes are not text although the name or content suggests text.
    case binaryContent(file: String, offset: Int)
    /// Text that is not valid in any supported encoding.
    case invalidEncoding(file: String, encoding: String, offset: Int)
    case unsupportedFormat(file: String, reason: String)
    /// A zip archive that cannot be read (truncated, corrupt, encrypted).
    case corruptArchive(file: String, reason: String)
    /// A zip entry whose name would escape the extraction root.
    case unsafeArchivePath(file: String, entry: String)
    /// A zip entry or archive that inflates beyond the configured limits.
    case zipBomb(file: String, entry: String, reason: String)
    case missingPart(file: String, part: String)
    case malformedXML(file: String, part: String, line: Int, reason: String)
    /// XML that declares entities; refused to rule out XXE and expansion bombs.
    case entityDeclaration(file: String, part: String)
    case nestingTooDeep(file: String, part: String, limit: Int)
    case noTextLayer(file: String)
    case toolMissing(file: String, tool: String)
    case toolFailed(file: String, tool: String, reason: String)
    case timeout(file: String, tool: String, seconds: Double)
    /// The file parsed but held no readable text.
    case noContent(file: String)
    /// Reading the file took longer or built more text than one document may.
    case overBudget(file: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .fileNotFound(let f), .unreadable(let f, _), .emptyFile(let f), .fileTooLarge(let f, _, _),
             .binaryContent(let f, _), .invalidEncoding(let f, _, _), .unsupportedFormat(let f, _),
             .corruptArchive(let f, _), .unsafeArchivePath(let f, _), .zipBomb(let f, _, _),
             .missingPart(let f, _), .malformedXML(let f, _, _, _), .entityDeclaration(let f, _),
             .nestingTooDeep(let f, _, _), .noTextLayer(let f), .toolMissing(let f, _),
             .toolFailed(let f, _, _), .timeout(let f, _, _), .noContent(let f), .overBudget(let f, _):
            return f
        }
    }

    /// One line: what happened and what to do, without the file name.
    public var reason: String {
        switch self {
        case .fileNotFound: return "no such file"
        case .unreadable(_, let r): return "cannot read: \(r)"
        case .emptyFile: return "file is empty"
        case .fileTooLarge(_, let size, let limit):
            return "file is \(size) bytes, over the \(limit)-byte limit (raise it with --max-size)"
        case .binaryContent(_, let offset): return "binary data, not text (NUL or control bytes at offset \(offset))"
        case .invalidEncoding(_, let enc, let offset): return "invalid \(enc) at byte \(offset)"
        case .unsupportedFormat(_, let r): return "unsupported format: \(r)"
        case .corruptArchive(_, let r): return "corrupt or truncated zip archive: \(r)"
        case .unsafeArchivePath(_, let e): return "zip entry '\(e)' has an absolute or '..' path; refused"
        case .zipBomb(_, let e, let r): return "zip entry '\(e)' refused as a possible zip bomb: \(r)"
        case .missingPart(_, let p): return "required part '\(p)' is missing"
        case .malformedXML(_, let p, let line, let r): return "malformed XML in '\(p)' line \(line): \(r)"
        case .entityDeclaration(_, let p): return "'\(p)' declares XML entities; refused (external entities and entity expansion are not allowed)"
        case .nestingTooDeep(_, let p, let limit): return "markup in '\(p)' is nested deeper than \(limit) levels"
        case .noTextLayer: return "PDF has no text layer (scanned images?); run OCR first"
        case .toolMissing(_, let t): return "'\(t)' is not installed (apt-get install poppler-utils)"
        case .toolFailed(_, let t, let r): return "'\(t)' failed: \(r)"
        case .timeout(_, let t, let s): return "'\(t)' did not finish within \(Int(s)) s"
        case .noContent: return "no readable text found"
        case .overBudget(_, let r): return "refused: \(r)"
        }
    }

    public var description: String { "\(file): \(reason)" }

    /// Whether the file is not a document of any kind Precis reads — empty,
    /// binary data (an image, a compressed archive), a zip archive that is
    /// neither EPUB nor DOCX — as opposed to a document that is damaged.
    /// Batch runs list such files as not documents instead of failing on them.
    public var isNotADocument: Bool {
        switch self {
        case .emptyFile, .binaryContent, .unsupportedFormat: return true
        default: return false
        }
    }
}
