import Foundation
import GGUF

/// Reads documents of any supported format into `Document`s.
///
/// The format is detected from the bytes (magic numbers, container
/// manifests, headers), never from the extension alone. Every failure is an
/// `IngestError` naming the file; nothing here traps on bad input.
public struct Ingester: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Reads and parses the file at `url`.
    public func ingest(_ url: URL) throws -> Document {
        let file = url.path
        let data = try readFile(url)
        return try ingest(data: data, name: file, fileURL: url)
    }

    /// The `Document.contentHash` the file at `url` would get, without
    /// parsing it: enough to tell whether a document changed.
    public func contentHash(of url: URL) throws -> String {
        SHA256Hasher.hex(of: try readFile(url))
    }

    /// Parses bytes already in memory; `name` is used in errors and metadata
    /// and its extension breaks ties between text formats.
    public func ingest(data: Data, name: String) throws -> Document {
        try ingest(data: data, name: name, fileURL: nil)
    }

    /// `fileURL`: where `data` came from, so archives are read from the file.
    /// The document's time budget starts here and is checked again at the end.
    private func ingest(data: Data, name: String, fileURL: URL?) throws -> Document {
        guard !data.isEmpty else { throw IngestError.emptyFile(file: name) }
        guard data.count <= options.maxFileSize else {
            throw IngestError.fileTooLarge(file: name, size: data.count, limit: options.maxFileSize)
        }
        var timed = self
        let deadline = ContinuousClock.now + .seconds(min(max(options.maxParseSeconds, 0), 1e9))
        timed.options.deadline = deadline
        let document = try timed.parse(data, name: name, fileURL: fileURL)
        guard ContinuousClock.now <= deadline else {
            throw IngestError.overBudget(file: name, reason: "reading it took more than \(Int(options.maxParseSeconds)) s")
        }
        return document
    }

    private func parse(_ data: Data, name: String, fileURL: URL?) throws -> Document {
        let hash = SHA256Hasher.hex(of: data)
        let ext = (name as NSString).pathExtension.lowercased()
        var document: Document
        switch FormatDetector.sniff([UInt8](data.prefix(1024))) {
        case .zip: document = try ingestZip(data, name: name, fileURL: fileURL, hash: hash)
        case .pdf: document = try PDFParser(options: options).parse(data: data, file: name, hash: hash)
        case .text: document = try ingestText([UInt8](data), name: name, ext: ext, hash: hash)
        }
        if document.root.totalBlockCount == 0 && document.sections.isEmpty { throw IngestError.noContent(file: name) }
        return document
    }

    /// Detects the format of the file at `url` without parsing it fully.
    public func detectFormat(_ url: URL) throws -> DocumentFormat {
        try ingest(url).metadata.format
    }

    private func readFile(_ url: URL) throws -> Data {
        let path = url.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw IngestError.fileNotFound(file: path)
        }
        if isDir.boolValue { throw IngestError.unreadable(file: path, reason: "is a directory") }
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attrs?[.size] as? NSNumber)?.intValue ?? 0
        if size > options.maxFileSize { throw IngestError.fileTooLarge(file: path, size: size, limit: options.maxFileSize) }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw IngestError.unreadable(file: path, reason: error.localizedDescription)
        }
    }

    private func ingestZip(_ data: Data, name: String, fileURL: URL?, hash: String) throws -> Document {
        let zip = try SafeZip.open(data: data, fileURL: fileURL, file: name, options: options)
        let mimetype = (try? zip.readIfPresent("mimetype")).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self).trimmedSpace }
        var document: Document
        if mimetype == "application/epub+zip" || zip.contains("META-INF/container.xml") {
            document = try EPUBParser(zip: zip, options: options).parse(hash: hash)
        } else if zip.contains("[Content_Types].xml") && zip.contains("word/document.xml") {
            document = try DOCXParser(zip: zip, options: options).parse(hash: hash)
        } else {
            throw IngestError.unsupportedFormat(file: name, reason: "zip archive that is neither EPUB nor DOCX")
        }
        document.metadata.warnings = zip.warnings + document.metadata.warnings
        return document
    }

    private func ingestText(_ bytes: [UInt8], name: String, ext: String, hash: String) throws -> Document {
        let sniffHTML = FormatDetector.looksLikeHTML(Substring(String(decoding: bytes.prefix(1100), as: UTF8.self))
            .drop { $0.isWhitespace || $0 == "\u{FEFF}" })
        if sniffHTML || (["html", "htm", "xhtml"].contains(ext) && HTMLDocumentParser.declaredCharset(bytes) != nil) {
            var builder = DocumentBuilder(metadata: Metadata(source: name, format: .html), options: options)
            try HTMLDocumentParser.parse(bytes, file: name, options: options, into: &builder)
            return try builder.finish(contentHash: hash)
        }
        let decoded = try TextDecoder.decode(bytes, file: name)
        let format = FormatDetector.textFormat(decoded.text, fileExtension: ext)
        var builder = DocumentBuilder(metadata: Metadata(source: name, format: format, encoding: decoded.encoding),
                                      options: options)
        if decoded.isFallback { builder.note("encoding guessed: \(decoded.encoding)") }
        let offset = decoded.encoding.hasPrefix("UTF-8") ? decoded.bomLength : 0
        if !decoded.encoding.hasPrefix("UTF-8") { builder.note("byte spans refer to the text re-encoded as UTF-8") }
        switch format {
        case .html:
            try HTMLDocumentParser.parse(Array(decoded.text.utf8), file: name, options: options, into: &builder)
        case .srt, .webvtt:
            let (cues, language) = try SubtitleParser.cues(decoded.text, webVTT: format == .webvtt, file: name)
            if let language { builder.updateMetadata { $0.language = language } }
            TurnMerger().merge(cues, into: &builder)
        case .speakerText:
            SpeakerTextParser(spanOffset: offset).parse(decoded.text, into: &builder)
        default:
            PlainTextParser(markdown: format == .markdown, spanOffset: offset).parse(decoded.text, into: &builder)
            if builder.metadata.title == nil, format == .markdown, let h = builder.firstHeading { builder.setTitle(h) }
        }
        return try builder.finish(contentHash: hash)
    }
}
