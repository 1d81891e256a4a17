import Foundation
import GGUF

/// Where Precis keeps its files.
///
/// Models, haystack text and snapshots are caches (re-creatable); the catalog
/// and logs are state. `PRECIS_HOME` overrides both roots at once.
public struct PrecisPaths: Sendable {
    public let cache: URL
    public let state: URL

    public init(cache: URL, state: URL) {
        self.cache = cache
        self.state = state
    }

    /// Resolves the roots from the environment: `$PRECIS_HOME`, else
    /// `$XDG_CACHE_HOME/precis` and `$XDG_STATE_HOME/precis`, else `~/.cache/precis`
    /// and `~/.local/state/precis`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> PrecisPaths {
        if let home = env["PRECIS_HOME"], !home.isEmpty {
            let root = URL(fileURLWithPath: home, isDirectory: true)
            return PrecisPaths(cache: root, state: root.appendingPathComponent("state", isDirectory: true))
        }
        let userHome = env["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        let cacheBase = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? userHome.appendingPathComponent(".cache", isDirectory: true)
        let stateBase = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? userHome.appendingPathComponent(".local/state", isDirectory: true)
        return PrecisPaths(cache: cacheBase.appendingPathComponent("precis", isDirectory: true),
                           state: stateBase.appendingPathComponent("precis", isDirectory: true))
    }

    public var models: URL { cache.appendingPathComponent("models", isDirectory: true) }
    public var haystack: URL { cache.appendingPathComponent("haystack", isDirectory: true) }
    public var snapshots: URL { cache.appendingPathComponent("snapshots", isDirectory: true) }
    /// The SQLite catalog: the snapshot index and the pipeline's records.
    public var catalog: URL { state.appendingPathComponent("catalog.sqlite") }
    /// Content digests of model files (their snapshot fingerprints), so a
    /// model is hashed once per version of its file, not on every load.
    public var modelDigests: ContentDigestCache {
        ContentDigestCache(file: state.appendingPathComponent("model-digests.json"))
    }

    /// The registry default model's installed location (`ModelRegistry.defaultName`).
    public var defaultModel: URL { location(of: ModelRegistry.defaultModel) }

    /// Where a registry model is installed (whether or not it is there).
    public func location(of model: RegisteredModel) -> URL { models.appendingPathComponent(model.fileName) }
}
