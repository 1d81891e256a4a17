import Foundation

/// A model as the user names it: a GGUF file, or a registry model by name.
///
/// `--model`, `$PRECIS_MODEL` and `model:` in pipeline files all take either.
/// A registry name wins over a file of the same name in the current
/// directory; write `./NAME` to mean the file.
public enum ModelReference: Sendable, Hashable, CustomStringConvertible {
    /// A GGUF file.
    case file(URL)
    /// A `ModelRegistry` entry, installed by `precis model fetch NAME`.
    case registered(String)

    /// Reads `text` as a registry name when it is one, else as a path
    /// (relative paths against `base`, the current directory when nil).
    public init(_ text: String, relativeTo base: URL? = nil) {
        self = Self.parse(text) { URL(fileURLWithPath: $0, relativeTo: base).standardizedFileURL.absoluteURL }
    }

    /// Reads `text` as a registry name when it is one, else as the path `path` makes of it.
    public static func parse(_ text: String, path: (String) -> URL) -> ModelReference {
        ModelRegistry.model(named: text) != nil ? .registered(text) : .file(path(text))
    }

    /// The model used when none is named: `$PRECIS_MODEL` (a path or a
    /// registry name), else the registry model `defaultName`.
    public static func fallback(environment: [String: String] = ProcessInfo.processInfo.environment,
                                defaultName: String = ModelRegistry.defaultName) -> ModelReference {
        if let value = environment["PRECIS_MODEL"], !value.isEmpty { return ModelReference(value) }
        return .registered(defaultName)
    }

    /// The file, for a file reference.
    public var fileURL: URL? {
        if case let .file(url) = self { return url }
        return nil
    }

    /// The registry name or the path, as a person would write it.
    public var description: String {
        switch self {
        case let .file(url): return url.path
        case let .registered(name): return name
        }
    }

    /// The file to open, checked to be there: the file itself, or where
    /// `precis model fetch` installs the registry model under `models`
    /// (checked to have the model's size; `precis model fetch` verifies the checksum).
    public func resolve(models: URL) throws -> URL {
        switch self {
        case let .file(url):
            guard FileManager.default.fileExists(atPath: url.path) else { throw ModelLookupError.fileNotFound(path: url.path) }
            return url
        case let .registered(name):
            guard let model = ModelRegistry.model(named: name) else { throw ModelLookupError.unknownName(name) }
            let url = models.appendingPathComponent(model.fileName)
            guard let size = FileDigest.size(of: url) else {
                throw ModelLookupError.notInstalled(name: name, path: url.path)
            }
            guard size == model.size else {
                throw ModelLookupError.incomplete(name: name, path: url.path, size: size, expected: model.size)
            }
            return url
        }
    }
}

/// Why a named model cannot be opened, and what to do about it.
public enum ModelLookupError: Error, CustomStringConvertible, Equatable {
    /// No file at the path, which is not a registry name either.
    case fileNotFound(path: String)
    /// A name that is not in the registry.
    case unknownName(String)
    /// A registry model that has not been fetched.
    case notInstalled(name: String, path: String)
    /// A registry model whose installed file has the wrong size.
    case incomplete(name: String, path: String, size: Int64, expected: Int64)

    public var description: String {
        let known = ModelRegistry.names.joined(separator: ", ")
        switch self {
        case let .fileNotFound(path):
            let hint = URL(fileURLWithPath: path).pathExtension.isEmpty
                ? "; '\(URL(fileURLWithPath: path).lastPathComponent)' is not a registry model either (known: \(known); see `precis model list`)"
                : ""
            return "no model file at \(path)\(hint); give a GGUF file or a registry model name"
        case let .unknownName(name):
            return "unknown model '\(name)'; known models: \(known) (see `precis model list`)"
        case let .notInstalled(name, path):
            return "model \(name) is not installed (expected at \(path)); run `precis model fetch \(name)`"
        case let .incomplete(name, path, size, expected):
            return "model \(name) at \(path) is incomplete or damaged (\(size) bytes, expected \(expected)); run `precis model fetch \(name)` to fetch it again"
        }
    }
}
