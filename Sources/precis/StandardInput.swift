import Foundation
import GGUF

/// `-` given as a document: standard input, saved once to a private
/// temporary file named `stdin` (formats are detected from content, so the
/// name needs no extension), removed again by `remove()`.
struct StandardInput {
    /// The saved file, when `-` was given.
    let file: URL?

    /// Reads standard input when `paths` holds `-`.
    init(_ paths: [String]) throws {
        guard paths.contains("-") else { file = nil; return }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("precis-stdin-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let file = directory.appendingPathComponent("stdin")
        try AtomicFile.write(Array(FileHandle.standardInput.readDataToEndOfFile()), to: file.path)
        self.file = file
    }

    /// `paths` with `-` replaced by the saved file.
    func resolve(_ paths: [String]) -> [String] {
        guard let file else { return paths }
        return paths.map { $0 == "-" ? file.path : $0 }
    }

    func remove() {
        if let file { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    }
}
