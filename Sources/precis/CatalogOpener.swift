import Foundation
import Pipeline
import PostgresCatalog

/// Opens the catalog a command records into and reads from: the pipeline
/// file's `catalog:`, else `$PRECIS_CATALOG`, else the state directory's
/// SQLite file (see `CatalogLocation`).
enum CatalogOpener {
    /// The catalog for `config` (nil: a command without a pipeline).
    static func open(for config: PipelineConfig? = nil) throws -> any CatalogStore {
        try open(location(for: config))
    }

    /// Where the catalog for `config` is.
    static func location(for config: PipelineConfig? = nil) throws -> CatalogLocation {
        try CatalogLocation.resolve(config?.catalog)
    }

    /// Opens `location`; a PostgreSQL URL without a password takes `$PGPASSWORD`.
    static func open(_ location: CatalogLocation) throws -> any CatalogStore {
        switch location {
        case let .sqlite(path):
            return try SQLiteCatalog(path: path)
        case let .postgres(text):
            var url = try PostgresURL(text)
            if url.password == nil, let password = ProcessInfo.processInfo.environment["PGPASSWORD"] { url.password = password }
            Console.debug("catalog \(url.redacted)")
            return try PostgresCatalog(url: url)
        }
    }

    /// The catalog if it exists already (a SQLite file not yet created is not made).
    static func openExisting(for config: PipelineConfig? = nil) throws -> (any CatalogStore)? {
        let location = try location(for: config)
        if case let .sqlite(path) = location, !FileManager.default.fileExists(atPath: path) { return nil }
        return try open(location)
    }
}
