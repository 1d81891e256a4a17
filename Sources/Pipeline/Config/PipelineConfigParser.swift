import Foundation
import Snapshot
import Yams

/// Reads a pipeline file into a `PipelineConfig`, rejecting unknown keys and
/// bad values with `file:line: problem`.
///
/// Schema (every key but `name` and `inputs` is optional; a key without a
/// value counts as absent):
///
/// ```yaml
/// name: nightly                  # letters, digits, . _ -
/// description: free text
/// inputs:                        # or just a path, or a list of paths
///   paths: [../samples, /data/contracts]   # directories (recursive) or files
///   include: ["*.epub", "contracts/**"]    # globs; default: every file
///   exclude: ["drafts/**"]
/// output: ../out                 # default: out
/// model: path/to/model.gguf      # a file or a registry name (`precis model list`), or a mapping:
/// model:
///   name: qwen2.5-coder-0.5b     # a registry model, or
///   path: path/to/model.gguf     # a file; default: $PRECIS_MODEL, else the registry default
///   pattern: heads.tsv           # default: the pattern shipped for the model
///   sparsity: 0.5                # 0…1
///   sink: 64
///   recent: 256
///   chunk: 512
///   codec: int4                  # snapshots: f16 | int8 | int4 | int2 (default int4)
///   snapshot_sparsity: 0.75      # fraction of KV heads a snapshot streams (default: the cache's)
/// length: medium                 # short | medium | long | a number of words
/// lengths: {legal: long, transcript: 250}
/// prompts:
///   legal:                       # book | legal | transcript | other
///     summary: "Summarize {title} in {words} words."  # placeholders: see PromptTemplate
///     section: "..."
///     merge: "..."
/// writing:
///   unsupported: drop            # drop | mark | keep points the source does not back
///   citations: combined          # combined (attention, checked lexically) | attention | lexical
///   no_repeat_ngram: 8           # generated token runs that may not repeat; 0 = off
///   repetition_penalty: 1.05
/// schedule: "30 2 * * *"         # cron; see CronExpression
/// retention:
///   snapshots_max_bytes: 2GB     # or a byte count
///   snapshots_older_than: 30d    # s m h d w
/// catalog: postgres://precis@db/precis   # or a SQLite file; default: $PRECIS_CATALOG, else the state directory's
/// snapshots: /shared/precis/snapshots     # default: $PRECIS_HOME's cache (share it between machines)
/// ```
///
/// Relative paths (and `~/`) are resolved against the file's directory.
public struct PipelineConfigParser {
    /// The file name used in error messages.
    public let displayName: String
    /// The pipeline file, whose directory anchors relative paths.
    public let file: URL
    /// `$HOME`, for `~/` in paths.
    public let home: String?

    public init(file: URL, displayName: String? = nil,
                home: String? = ProcessInfo.processInfo.environment["HOME"]) {
        self.file = file.standardizedFileURL
        self.displayName = displayName ?? file.path
        self.home = home
    }

    static let topLevelKeys = ["name", "description", "inputs", "output", "model", "length", "lengths",
                               "prompts", "writing", "schedule", "retention", "catalog", "snapshots"]

    /// Parses `yaml`, the pipeline file's content.
    public func parse(_ yaml: String) throws -> PipelineConfig {
        let root = try compose(yaml)
        let keys = try root.mapping(allowed: Self.topLevelKeys)
        guard let nameNode = keys["name"] else { throw root.failure("missing required key 'name'") }
        let name = try nameNode.nonEmptyString()
        guard PipelineConfig.isValidName(name) else {
            throw nameNode.failure("'name' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit; got '\(name)'")
        }
        guard let inputsNode = keys["inputs"] else { throw root.failure("missing required key 'inputs'") }
        return PipelineConfig(
            name: name, file: file,
            about: try keys["description"].map { try $0.string() },
            inputs: try inputs(inputsNode),
            output: try keys["output"].map { try path($0) } ?? resolve("out"),
            engine: try keys["model"].map { try engine($0) } ?? EngineSettings(),
            summary: try summary(length: keys["length"], lengths: keys["lengths"], prompts: keys["prompts"],
                                 writing: keys["writing"]),
            schedule: try keys["schedule"].flatMap { try schedule($0) },
            retention: try keys["retention"].map { try retention($0) } ?? RetentionPolicy(),
            catalog: try keys["catalog"].map { try catalog($0) },
            snapshots: try keys["snapshots"].map { try path($0) })
    }

    private func compose(_ yaml: String) throws -> ConfigNode {
        try YAMLDepth.refuseTooDeep(yaml, file: displayName)
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            throw yamlFailure(error)
        }
        guard let node else { throw PipelineError.config(file: displayName, line: nil, problem: "the file is empty") }
        return ConfigNode(node: node, path: "", file: displayName)
    }

    private func yamlFailure(_ error: YamlError) -> PipelineError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let about = context.map { "\($0.text) " } ?? ""
            return .config(file: displayName, line: mark.line, problem: "not valid YAML: \(about)\(problem)")
        default:
            return .config(file: displayName, line: nil, problem: "not valid YAML: \(error)")
        }
    }

    private func inputs(_ node: ConfigNode) throws -> InputSettings {
        if case .mapping = node.node {
            let keys = try node.mapping(allowed: ["paths", "include", "exclude"])
            guard let paths = keys["paths"] else { throw node.failure("missing required key 'paths' under 'inputs'") }
            return InputSettings(paths: try pathList(paths),
                                 include: try keys["include"].map { try globs($0) } ?? [],
                                 exclude: try keys["exclude"].map { try globs($0) } ?? [])
        }
        return InputSettings(paths: try pathList(node))
    }

    private func pathList(_ node: ConfigNode) throws -> [URL] {
        let list = try node.stringList()
        guard !list.isEmpty else { throw node.failure("\(node.place) must name at least one path") }
        return list.map(resolve)
    }

    private func globs(_ node: ConfigNode) throws -> [Glob] {
        try node.stringList().map { pattern in
            do { return try Glob(pattern) } catch { throw node.failure("bad glob '\(pattern)' in \(node.place): \(error)") }
        }
    }

    private func catalog(_ node: ConfigNode) throws -> CatalogLocation {
        let text = try node.nonEmptyString()
        do { return try CatalogLocation(text, resolve: resolve) } catch let error as CatalogLocation.Invalid {
            throw node.failure("'catalog': \(error.reason)")
        }
    }

    /// A path value resolved against the file's directory.
    func path(_ node: ConfigNode) throws -> URL { resolve(try node.nonEmptyString()) }

    func resolve(_ path: String) -> URL {
        var expanded = path
        if let home, path == "~" || path.hasPrefix("~/") { expanded = home + path.dropFirst() }
        let base = file.deletingLastPathComponent()
        return URL(fileURLWithPath: expanded, relativeTo: base).standardizedFileURL.absoluteURL
    }
}
