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
    /// No default value in the declaration: the argument parser would show an
    /// enum's raw value (`0`) as the default, not its name.
    @Option(name: .customLong("codec"), help: ArgumentHelp("Snapshot codec (default: \(EngineSettings.defaultCodec)).", valueName: "codec"))
    var codecChoice: SnapshotCodec?
    @Option(help: ArgumentHelp("Fraction of KV heads a saved snapshot streams, when above --sparsity: the heads the "
                               + "pattern gates lowest keep only their window in the file, which is smaller but "
                               + "changes answers (default: the cache's heads).", valueName: "s"))
    var snapshotSparsity: Double?
    @Option(help: ArgumentHelp("Chat template family instead of the model's (chatml, llama3, llama2, gemma).",
                               valueName: "family"))
    var template: String?

    /// The snapshot codec asked for (default: `EngineSettings.defaultCodec`).
    var codec: SnapshotCodec { codecChoice ?? EngineSettings.defaultCodec }

    /// A reader of documents with these settings' codec and snapshot sparsity.
    func reader(_ reading: ReadingModel, store: SnapshotStore?) -> DocumentReader {
        DocumentReader(reading: reading, store: store, codec: codec, snapshotSparsity: snapshotSparsity)
    }
    /// Loads the model and works out the layout and snapshot identity.
    func reading() throws -> ReadingModel {
        let gguf = try model.open()
        let config = try ModelConfig(gguf: gguf)
        let (pattern, layout) = try duo.resolve(gguf: gguf, config: config)
        return try ReadingModel(gguf: gguf, pattern: pattern, layout: layout, chunk: duo.chunk,
                                template: try template.map { try ChatTemplate(named: $0) },
                                digests: PrecisPaths.fromEnvironment().modelDigests)
    }

    /// The snapshot store under the cache directory, indexed in the catalog.
    static func store() throws -> SnapshotStore {
        let paths = PrecisPaths.fromEnvironment(), budget = RetentionPolicy.defaultSnapshotBudget()
        Console.debug("snapshots \(paths.snapshots.path), budget \(budget.map { ByteCount.format($0) } ?? "none"), index \(paths.catalog.path)")
        return try SnapshotStore(directory: paths.snapshots, databasePath: paths.catalog.path, budget: budget,
                                 warn: { Console.warning($0) })
    }
}

extension SnapshotCodec: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.description) }
    public static var allValueDescriptions: [String: String] {
        [SnapshotCodec.f16.description: "lossless", SnapshotCodec.int8.description: "smaller, lossy",
         SnapshotCodec.int4.description: "smaller still, lossier", SnapshotCodec.int2.description: "smallest, lossiest"]
    }
}
