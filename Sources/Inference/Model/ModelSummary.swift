import Foundation
import GGUF

/// A description of a model file for people and programs (`precis model info`).
public struct ModelSummary: Codable, Sendable {
    public struct TensorTypeUsage: Codable, Sendable {
        public var count: Int
        public var bytes: Int
    }

    public var path: String
    public var name: String
    public var architecture: String
    public var parameters: Int
    public var fileBytes: Int
    public var contextLength: Int
    public var layers: Int
    public var embeddingLength: Int
    public var feedForwardLength: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDim: Int
    public var ropeFreqBase: Float
    public var ropeDimensions: Int
    public var ropeStyle: String
    public var ropeScaling: String
    /// Full attention, or which layers slide over which window.
    public var attention: String
    /// What the block adds to the llama block (QK-norm, post-norms, GeGLU…), or "standard".
    public var block: String
    public var vocabSize: Int
    public var tokenizer: String
    public var preTokenizer: String?
    public var chatTemplate: String
    public var tensorTypes: [String: TensorTypeUsage]

    /// Summarizes `gguf`; `chatTemplateFamily` names the detected chat format.
    public init(gguf: GGUFFile, config: ModelConfig, chatTemplateFamily: String) {
        path = gguf.path
        name = config.name
        architecture = config.architecture.rawValue
        parameters = gguf.tensorInfos.reduce(0) { $0 + $1.elementCount }
        fileBytes = gguf.fileSize
        contextLength = config.contextLength
        layers = config.layerCount
        embeddingLength = config.embeddingLength
        feedForwardLength = config.feedForwardLength
        heads = config.headCount
        kvHeads = config.kvHeadCount
        headDim = config.headDim
        ropeFreqBase = config.ropeFreqBase
        ropeDimensions = config.ropeDimensions
        ropeStyle = config.architecture.ropeIsNeox ? "neox" : "normal"
        ropeScaling = switch config.ropeScaling {
        case .none: "none"
        case let .linear(f): "linear ×\(f)"
        case let .llama3(f, lo, hi, orig): "llama3 ×\(f) (low \(lo), high \(hi), original context \(orig))"
        }
        attention = Self.attention(config)
        block = Self.block(config)
        vocabSize = config.vocabSize
        tokenizer = gguf.string("tokenizer.ggml.model") ?? "none"
        preTokenizer = gguf.string("tokenizer.ggml.pre")
        chatTemplate = chatTemplateFamily
        var usage: [String: TensorTypeUsage] = [:]
        for t in gguf.tensorInfos {
            usage[t.type.description, default: TensorTypeUsage(count: 0, bytes: 0)].count += 1
            usage[t.type.description, default: TensorTypeUsage(count: 0, bytes: 0)].bytes += t.byteCount
        }
        tensorTypes = usage
    }

    /// Human-readable lines, aligned.
    public var text: String {
        var rows: [(String, String)] = [
            ("model", "\(name) (\(path))"),
            ("architecture", architecture),
            ("parameters", Self.millions(parameters)),
            ("file size", Self.mebibytes(fileBytes)),
            ("context length", "\(contextLength)"),
            ("layers", "\(layers)"),
            ("embedding / FFN", "\(embeddingLength) / \(feedForwardLength)"),
            ("heads / KV heads", "\(heads) / \(kvHeads) (group \(heads / max(kvHeads, 1)))"),
            ("head dim", "\(headDim)"),
            ("RoPE", "\(ropeStyle), base \(ropeFreqBase), \(ropeDimensions) dims, scaling \(ropeScaling)"),
            ("attention", attention),
            ("block", block),
            ("vocabulary", "\(vocabSize)"),
            ("tokenizer", tokenizer + (preTokenizer.map { " (pre: \($0))" } ?? "")),
            ("chat template", chatTemplate),
        ]
        for (type, use) in tensorTypes.sorted(by: { $0.key < $1.key }) {
            rows.append(("tensors \(type)", "\(use.count) tensors, \(Self.mebibytes(use.bytes))"))
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }

    static func attention(_ c: ModelConfig) -> String {
        var parts: [String] = []
        let sliding = c.slidingLayers
        if let window = c.layerWindows.compactMap({ $0 }).first {
            parts.append("sliding window \(window) on \(sliding.count) of \(c.layerCount) layers (RoPE base \(c.slidingRopeFreqBase)), "
                         + "full on \(c.layerCount - sliding.count)")
        } else {
            parts.append("full on every layer")
        }
        let noRope = c.layerUsesRope.indices.filter { !c.layerUsesRope[$0] }
        if !noRope.isEmpty { parts.append("no RoPE on layers \(noRope.map(String.init).joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }

    static func block(_ c: ModelConfig) -> String {
        let t = c.traits
        var parts: [String] = []
        if t.attentionBiases { parts.append("q/k/v biases") }
        if t.queryKeyNorm { parts.append("QK-norm") }
        if t.postNorms { parts.append("post-norms") }
        if t.activation == .geGLU { parts.append("GeGLU") }
        if t.scaledEmbedding { parts.append("embedding ×√d") }
        if let cap = c.finalLogitSoftcap { parts.append("logit soft cap \(cap)") }
        return parts.isEmpty ? "standard (RMSNorm, SwiGLU)" : parts.joined(separator: ", ")
    }

    static func millions(_ n: Int) -> String {
        let m = Double(n) / 1e6
        return "\(n) (\((m * 10).rounded() / 10) M)"
    }

    static func mebibytes(_ n: Int) -> String {
        "\((Double(n) / 1_048_576 * 10).rounded() / 10) MiB"
    }
}
