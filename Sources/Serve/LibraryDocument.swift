import Foundation
import GGUF
import Pipeline

/// A document of the served library, as `GET /v1/documents` lists it.
public struct LibraryDocument: Codable, Sendable, Equatable {
    /// Stable id: derived from the document's path, so it survives restarts.
    public var id: String
    public var title: String
    /// The file's name (the server never exposes or accepts paths).
    public var name: String
    public var genre: String?
    public var format: String?
    /// `ok` or `failed`, from the latest run that read it.
    public var status: String
    public var error: String?
    public var pipeline: String?
    public var summarized: Date
    public var tokens: Int?
    /// Names of the summary files in the output directory.
    public var summaryMarkdown: String?, summaryJSON: String?

    /// The id of the document at `path`.
    public static func id(path: String) -> String {
        String(SHA256Hasher.hex(of: Array(path.utf8)).prefix(16))
    }
}

/// Where a listed document's files are, kept on the server side.
struct LibraryEntry: Sendable {
    var document: LibraryDocument
    var path: String
    var contentHash: String
    /// The settings the listed result was made with (its segments are kept under them).
    var settingsKey: String
    var jsonPath: String?
}
