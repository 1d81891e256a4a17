import ArgumentParser
import Foundation
import GGUF
import Pipeline

/// `--model PATH|NAME`, shared by every command that runs or reads a model.
///
/// Resolution order: `--model`, then `$PRECIS_MODEL`, then the registry
/// default (`ModelRegistry.defaultName`). Each may be a GGUF file or a
/// registry model name (`precis model list`); a name must be installed.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "GGUF file or registry model name (default: $PRECIS_MODEL, else the registry default; see `precis model list`).",
        valueName: "path-or-name"))
    var model: String?

    /// The model file to use, checked to exist (for a name: to be installed).
    /// Errors name the flag or variable the model came from.
    func resolvedPath() throws -> String {
        let fromEnvironment = ProcessInfo.processInfo.environment["PRECIS_MODEL"].map { !$0.isEmpty } ?? false
        let source = model != nil ? "--model" : fromEnvironment ? "$PRECIS_MODEL" : nil
        let reference = model.map { ModelReference($0) } ?? Self.defaultModel
        do {
            return try reference.resolve(models: PrecisPaths.fromEnvironment().models).path
        } catch let error as ModelLookupError {
            guard let source else { throw error }
            throw ValidationError("\(source): \(error)")
        }
    }

    /// The model used when none is named: `$PRECIS_MODEL`, else the registry default.
    static var defaultModel: ModelReference { ModelReference.fallback() }

    /// Opens (maps) the resolved model file.
    func open() throws -> GGUFFile {
        let path = try resolvedPath()
        Console.debug("model \(path)")
        return try GGUFFile(path: path)
    }
}
