import ArgumentParser
import Foundation
import GGUF
import Inference
import Pipeline
import Snapshot

/// The model, DuoAttention and snapshot settings of commands that read a
/// document and answer from it (`prefill`, `ask`, `chat`).
struct DocumentOptions: ParsableArguments {
    @OptionGroup var model: ModelOptions
    @OptionGroup(title: "DuoAttention") var duo: DuoOptions
    @Option(help: ArgumentHelp("Snapshot codec: f16 (lossless), int8 or int4 (smaller, lossy).", valueName: "codec"))
    var codec: SnapshotCodec = .f16
    @Option(help: ArgumentHelp("Chat template family instead of the model's (chatml, llama3, llama2, gemma).",
                               valueName: "family"))
    var template: String?

    /// Loads the model and works out the layout and snapshot identity.
    func reading() throws -> ReadingModel {
        let gguf = try model.open()
        let config = try ModelConfig(gguf: gguf)
        let (pattern, layout) = try duo.resolve(gguf: gguf, config: config)
        return try ReadingModel(gguf: gguf, pattern: pattern, layout: layout, chunk: duo.chunk,
                                template: try template.map { try ChatTemplate(named: $0) })
    }

    /// The snapshot store under the cache directory, indexed in the catalog.
    static func store() throws -> SnapshotStore {
        let paths = PrecisPaths.fromEnvironment()
        return try SnapshotStore(directory: paths.snapshots, databasePath: paths.catalog.path)
    }
}

extension SnapshotCodec: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.description) }
}
