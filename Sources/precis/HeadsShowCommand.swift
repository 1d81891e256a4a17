import ArgumentParser
import GGUF
import Inference

/// `precis heads show`: a layer × KV-head map of a pattern's gates and the
/// retrieval/streaming split at a sparsity.
struct HeadsShowCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a head pattern as a layer × KV-head heatmap of α with the kind of each head.",
        discussion: """
        Shades: ░ α < 0.25, ▒ < 0.5, ▓ < 0.75, █ ≥ 0.75. R marks a retrieval head (full KV \
        cache), S a streaming head (sink + recent tokens only) at --sparsity, the fraction \
        of KV heads that stream (lowest α first). With --pattern and no model installed, \
        the pattern is shown without checking its shape.
        """
    )

    @OptionGroup var model: ModelOptions
    @OptionGroup var patternOptions: HeadsPatternOptions
    @Option(help: ArgumentHelp(
        "Fraction of KV heads that stream, 0…1 (default: 0.5 for GQA models, 0.75 otherwise, as in DuoAttention).",
        valueName: "s"))
    var sparsity: Double?
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var log: LogOptions

    func validate() throws {
        if let sparsity, !(0...1).contains(sparsity) {
            throw ValidationError("--sparsity must be between 0 and 1, got \(sparsity)")
        }
    }

    func run() throws {
        let (pattern, config) = try load()
        let s = sparsity ?? config.map { $0.groupSize > 1 ? 0.5 : 0.75 } ?? 0.5
        let map = HeadPatternMap(pattern: pattern, sparsity: s)
        if json {
            try Console.printJSON(HeadsShowReport(map: map))
            return
        }
        print("pattern: \(pattern.source)")
        let info = pattern.info
        var about = ["\(pattern.layerCount) layers × \(pattern.kvHeadCount) KV heads",
                     "sink \(info.sink)", "recent \(info.recent)"]
        if let method = info.method { about.append("method \(method)") }
        if let data = info.data { about.append("data \(data)") }
        if let created = info.created { about.append("created \(created)") }
        print(about.joined(separator: ", "))
        if let fingerprint = info.model { print("identified on model \(fingerprint)") }
        print(map.summary)
        print("")
        print(map.text)
    }

    /// The pattern, and the model's configuration when a model is available.
    private func load() throws -> (HeadPattern, ModelConfig?) {
        if let path = patternOptions.pattern, (try? model.resolvedPath()) == nil {
            return (try HeadPattern.load(path: path), nil)
        }
        let gguf = try model.open()
        let config = try ModelConfig(gguf: gguf)
        return (try patternOptions.resolve(for: gguf, config: config), config)
    }
}

/// `precis heads show --json`.
struct HeadsShowReport: Encodable {
    let source: String
    let layers: Int
    let kvHeads: Int
    let sink: Int
    let recent: Int
    let model: String?
    let method: String?
    let data: String?
    let created: String?
    let sparsity: Double
    let retrieval: Int
    let streaming: Int
    /// `[layer][kvHead]` gates.
    let alphas: [[Float]]
    /// `[layer][kvHead]` kinds, "R" or "S".
    let kinds: [[String]]

    init(map: HeadPatternMap) {
        let p = map.pattern
        source = p.source
        layers = p.layerCount
        kvHeads = p.kvHeadCount
        sink = p.info.sink
        recent = p.info.recent
        model = p.info.model
        method = p.info.method
        data = p.info.data
        created = p.info.created
        sparsity = map.sparsity
        retrieval = map.retrievalCount
        streaming = map.streamingCount
        alphas = p.alphas
        kinds = map.kinds.map { $0.map { String($0.letter) } }
    }

    enum CodingKeys: String, CodingKey {
        case source, layers, kvHeads = "kv_heads", sink, recent, model, method, data, created, sparsity,
             retrieval, streaming, alphas, kinds
    }
}
