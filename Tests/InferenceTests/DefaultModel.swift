import Foundation
import GGUF
@testable import Inference

/// Locates the default model and the haystack essays installed by
/// `precis model fetch --haystack`, for tests that need real data.
enum DefaultModel {
    static var cacheRoot: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["PRECIS_HOME"], !home.isEmpty { return home }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/precis" }
        return NSHomeDirectory() + "/.cache/precis"
    }

    static var path: String? {
        if let p = ProcessInfo.processInfo.environment["PRECIS_MODEL"], FileManager.default.fileExists(atPath: p) {
            return p
        }
        let p = cacheRoot + "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    static var isInstalled: Bool { path != nil }

    static var essaysDirectory: String? {
        let p = cacheRoot + "/haystack/PaulGrahamEssays"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    /// The model and its tokenizer, loaded once per test process.
    nonisolated(unsafe) static let loaded: (model: Model, tokenizer: any Tokenizer)? = {
        guard let path, let file = try? GGUFFile(path: path),
              let model = try? Model.load(file), let tok = try? TokenizerLoader.load(from: file) else { return nil }
        return (model, tok)
    }()

    /// One essay's text.
    static func essay(_ name: String) throws -> String {
        try String(contentsOfFile: essaysDirectory! + "/" + name, encoding: .utf8)
    }

    /// All essays concatenated in sorted file order, as unicode scalars.
    static func concatenatedEssays() throws -> [Unicode.Scalar] {
        let dir = essaysDirectory!
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
        var out: [Unicode.Scalar] = []
        for n in names { out += try String(contentsOfFile: dir + "/" + n, encoding: .utf8).unicodeScalars }
        return out
    }
}
