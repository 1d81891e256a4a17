import ArgumentParser
import Foundation
import GGUF
import Pipeline

/// `--model PATH`, shared by every command that runs or reads a model.
///
/// Resolution order: `--model`, then `$PRECIS_MODEL`, then the fetched
/// default model under the cache directory.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "GGUF model file (default: $PRECIS_MODEL, else the model installed by `precis model fetch`).",
        valueName: "path"))
    var model: String?

    /// The model path to use, checked to exist.
    func resolvedPath() throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let model { return try existing(model, from: "--model") }
        if let fromEnv = env["PRECIS_MODEL"], !fromEnv.isEmpty { return try existing(fromEnv, from: "$PRECIS_MODEL") }
        let path = PrecisPaths.fromEnvironment().defaultModel.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no model given and the default model is not installed at \(path); run `precis model fetch` or pass --model PATH")
        }
        return path
    }

    /// The model used when none is named: `$PRECIS_MODEL`, else the fetched default model.
    static var defaultModel: URL {
        if let path = ProcessInfo.processInfo.environment["PRECIS_MODEL"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return PrecisPaths.fromEnvironment().defaultModel
    }

    /// Opens (maps) the resolved model file.
    func open() throws -> GGUFFile {
        try GGUFFile(path: resolvedPath())
    }

    private func existing(_ path: String, from source: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(source): no such file: \(path)")
        }
        return path
    }
}
