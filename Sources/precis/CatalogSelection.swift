import ArgumentParser
import Foundation
import Pipeline

/// `--catalog` and `--pipeline`: which catalog a command reads (default:
/// $PRECIS_CATALOG, else the state directory's SQLite file).
struct CatalogSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The catalog: a postgres:// URL or a SQLite file.", valueName: "url|path"))
    var catalog: String?
    @Option(name: .customLong("pipeline"), help: ArgumentHelp("Use this pipeline's catalog (its `catalog:` key).", valueName: "name|file"))
    var pipelineForCatalog: String?

    func validate() throws {
        if catalog != nil && pipelineForCatalog != nil { throw ValidationError("give --catalog or --pipeline, not both") }
    }

    /// The chosen catalog, opened.
    func open() throws -> any CatalogStore {
        if let catalog {
            do { return try CatalogOpener.open(try CatalogLocation(catalog)) } catch let error as CatalogLocation.Invalid {
                throw ValidationError("--catalog: \(error.reason)")
            }
        }
        return try CatalogOpener.open(for: try pipelineForCatalog.map { try PipelineConfig.load(nameOrPath: $0) })
    }
}
