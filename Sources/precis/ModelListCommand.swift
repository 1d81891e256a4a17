import ArgumentParser
import Foundation
import Pipeline

/// `precis model list`: the registry models, which are installed, which is the default.
struct ModelListCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models `precis model fetch` can install, and which are installed.",
        discussion: """
        One line per registry model: its name (for --model, $PRECIS_MODEL, `model:` \
        in pipeline files and `precis model fetch`), what it is, its size, context \
        length and licence, and where it is installed, or the command that installs it. \
        The model used when none is named is marked with *: $PRECIS_MODEL when it \
        names a registry model, else the registry default. A model counts as installed \
        when its file has the pinned size; `precis model fetch NAME` verifies the checksum.
        """
    )

    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let paths = PrecisPaths.fromEnvironment()
        let fallback = ModelReference.fallback()
        let entries = ModelRegistry.models.map { ModelListEntry(model: $0, paths: paths, fallback: fallback) }
        if json { return try Console.printJSON(ModelListReport(default: fallback.description, models: entries)) }
        let nameWidth = entries.map(\.name.count).max() ?? 0
        let titleWidth = entries.map(\.displayName.count).max() ?? 0
        for entry in entries {
            let state = switch entry.status {
            case .installed: "installed: \(entry.path)"
            case .incomplete: "incomplete, run `precis model fetch \(entry.name)`: \(entry.path)"
            case .missing: "not installed (`precis model fetch \(entry.name)`)"
            }
            let columns = [
                (entry.isDefault ? "* " : "  ") + entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0),
                entry.displayName.padding(toLength: titleWidth, withPad: " ", startingAt: 0),
                ByteCount.format(Int(entry.sizeBytes)).leftPadded(to: 9),
                "\(entry.contextLength / 1024)K ctx".leftPadded(to: 8),
                entry.licence,
                state,
            ]
            print(columns.joined(separator: "  "))
        }
        if case let .file(url) = fallback { print("default: \(url.path) (from $PRECIS_MODEL)") }
    }
}

/// `precis model list --json`: the model used when none is named, and every registry model.
struct ModelListReport: Encodable {
    /// A registry name, or a path from `$PRECIS_MODEL`.
    let `default`: String
    let models: [ModelListEntry]
}

/// One registry model in `precis model list`.
struct ModelListEntry: Encodable {
    /// Whether the installed file is there with its pinned size.
    enum Status: String, Encodable { case installed, incomplete, missing }

    let name: String
    let displayName: String
    let licence: String
    let parameters: Int
    let contextLength: Int
    let quantization: String
    let sizeBytes: Int64
    /// Where it is (or would be) installed.
    let path: String
    let installed: Bool
    let status: Status
    let isDefault: Bool
    /// The pinned wheels, `package==version`, in order.
    let wheels: [String]

    init(model: RegisteredModel, paths: PrecisPaths, fallback: ModelReference) {
        name = model.name
        displayName = model.displayName
        licence = model.licence
        parameters = model.parameters
        contextLength = model.contextLength
        quantization = model.quantization
        sizeBytes = model.size
        path = paths.location(of: model).path
        let size = FileDigest.size(of: URL(fileURLWithPath: path))
        status = size == nil ? .missing : size == model.size ? .installed : .incomplete
        installed = status == .installed
        isDefault = fallback == .registered(model.name)
        wheels = model.asset.requirements
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
