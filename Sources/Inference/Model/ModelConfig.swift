import GGUF

/// Why a model cannot be run.
public enum ModelError: Error, CustomStringConvertible {
    case unsupportedArchitecture(String)
    case missingMetadata(String)
    case badMetadata(String)
    case missingTensor(String)
    case badTensorShape(name: String, expected: [Int], found: [Int])
    case unsupportedTensorType(name: String, type: GGMLType)
    case contextOverflow(tokens: Int, contextLength: Int)
    case cannotRewind(position: Int, count: Int)

    public var description: String {
        switch self {
        case let .unsupportedArchitecture(a):
            return "unsupported architecture '\(a)' (supported: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")))"
        case let .missingMetadata(k): return "model metadata has no '\(k)'"
        case let .badMetadata(m): return "bad model metadata: \(m)"
        case let .missingTensor(n): return "model has no tensor '\(n)'"
        case let .badTensorShape(n, e, f): return "tensor '\(n)' has shape \(f), expected \(e)"
        case let .unsupportedTensorType(n, t): return "tensor '\(n)' uses type \(t), which the engine cannot run"
        case let .contextOverflow(t, c):
            return "\(t) tokens do not fit the model's context of \(c) tokens; shorten the input or pass a smaller document"
        case let .cannotRewind(p, c):
            return "cannot rewind a DuoAttention cache from \(c) to \(p) tokens: streaming heads have evicted tokens (fork the cache instead)"
        }
    }
}

/// Hyper-parameters of a transformer, read from GGUF metadata.
public struct ModelConfig: Sendable, Equatable {
    public var architecture: Architecture
    public var name: String
    public var contextLength: Int
    public var embeddingLength: Int
    public var layerCount: Int
    public var feedForwardLength: Int
    public var headCount: Int
    public var kvHeadCount: Int
    public var headDim: Int
    public var rmsEpsilon: Float
    public var ropeFreqBase: Float
    public var ropeDimensions: Int
    public var ropeScaling: RopeScaling
    public var vocabSize: Int
    /// What the architecture's block does differently.
    public var traits: BlockTraits
    /// Per layer, the sliding window its queries see (keys `position - window + 1 ... position`),
    /// or nil for full attention.
    public var layerWindows: [Int?]
    /// Per layer, whether q and k are rotated (false for NoPE layers).
    public var layerUsesRope: [Bool]
    /// RoPE base of sliding-window layers (Gemma 3 gives them their own).
    public var slidingRopeFreqBase: Float
    /// Multiplier of q·k before the softmax.
    public var attentionScale: Float
    /// `cap · tanh(logit / cap)` on the output logits, when set.
    public var finalLogitSoftcap: Float?

    /// How RoPE frequencies are stretched for long contexts.
    public enum RopeScaling: Sendable, Equatable {
        case none
        case linear(factor: Float)
        /// Llama-3 style: frequencies come from the `rope_freqs` tensor, or
        /// are computed from these parameters when it is absent.
        case llama3(factor: Float, lowFreqFactor: Float, highFreqFactor: Float, originalContext: Int)
    }

    /// Query heads per KV head (1 for multi-head attention).
    public var groupSize: Int { headCount / kvHeadCount }
    public var kvDim: Int { kvHeadCount * headDim }
    public var qDim: Int { headCount * headDim }

    public init(gguf: GGUFFile) throws {
        guard let archName = gguf.architecture else { throw ModelError.missingMetadata("general.architecture") }
        guard let arch = Architecture(rawValue: archName) else { throw ModelError.unsupportedArchitecture(archName) }
        architecture = arch
        name = gguf.string("general.name") ?? archName
        func int(_ key: String) throws -> Int {
            guard let v = gguf.int("\(archName).\(key)") else { throw ModelError.missingMetadata("\(archName).\(key)") }
            return v
        }
        contextLength = try int("context_length")
        embeddingLength = try int("embedding_length")
        layerCount = try int("block_count")
        feedForwardLength = try int("feed_forward_length")
        headCount = try int("attention.head_count")
        kvHeadCount = gguf.int("\(archName).attention.head_count_kv") ?? headCount
        headDim = gguf.int("\(archName).attention.key_length") ?? (headCount > 0 ? embeddingLength / headCount : 0)
        rmsEpsilon = Float(gguf.double("\(archName).attention.layer_norm_rms_epsilon") ?? 1e-5)
        ropeFreqBase = Float(gguf.double("\(archName).rope.freq_base") ?? 10000)
        ropeDimensions = gguf.int("\(archName).rope.dimension_count") ?? headDim
        vocabSize = gguf.int("\(archName).vocab_size") ?? gguf.metadata["tokenizer.ggml.tokens"]?.array?.count ?? 0
        ropeScaling = Self.scaling(gguf, archName)
        traits = arch.definition.traits
        layerWindows = Array(repeating: nil, count: max(0, min(layerCount, Self.maxLayers)))
        layerUsesRope = Array(repeating: true, count: layerWindows.count)
        slidingRopeFreqBase = ropeFreqBase
        attentionScale = headDim > 0 ? 1 / Float(headDim).squareRoot() : 1
        finalLogitSoftcap = nil
        if let v = gguf.int("\(archName).attention.value_length"), v != headDim {
            throw ModelError.badMetadata("value width \(v) differs from key width \(headDim); the engine needs them equal")
        }
        try validate()
        try arch.definition.configure(&self, from: gguf)
    }

    /// Whether any layer attends over a sliding window.
    public var hasSlidingLayers: Bool { layerWindows.contains { $0 != nil } }
    /// The layers that attend over a sliding window.
    public var slidingLayers: Set<Int> { Set(layerWindows.indices.filter { layerWindows[$0] != nil }) }

    /// The sliding window of `layer`, nil for full attention.
    @inline(__always) public func window(layer: Int) -> Int? {
        layer < layerWindows.count ? layerWindows[layer] : nil
    }

    /// Whether `layer` rotates q and k.
    @inline(__always) public func usesRope(layer: Int) -> Bool {
        layer < layerUsesRope.count ? layerUsesRope[layer] : true
    }

    /// Per-layer tables are sized only up to this many layers: a larger
    /// count is a damaged header, refused by `validateBlocks`.
    static let maxLayers = 1 << 12

    /// The longest context accepted: positions past 2^24 are not exact in the
    /// f32 RoPE angles, and no released model comes near it.
    public static let maxContextLength = 1 << 24

    /// Blocks `gguf` holds tensors for: one more than the highest `blk.N.` index.
    public static func blockCount(in gguf: GGUFFile) -> Int {
        var highest = -1
        for name in gguf.tensors.keys where name.hasPrefix("blk.") {
            let digits = name.dropFirst(4).prefix { $0.isASCII && $0.isNumber }
            if let n = Int(digits), n > highest { highest = n }
        }
        return highest + 1
    }

    private static func scaling(_ gguf: GGUFFile, _ arch: String) -> RopeScaling {
        let factor = Float(gguf.double("\(arch).rope.scaling.factor") ?? 1)
        switch gguf.string("\(arch).rope.scaling.type") {
        case "linear" where factor != 1: return .linear(factor: factor)
        case "llama3":
            return .llama3(factor: factor,
                           lowFreqFactor: Float(gguf.double("\(arch).rope.scaling.low_freq_factor") ?? 1),
                           highFreqFactor: Float(gguf.double("\(arch).rope.scaling.high_freq_factor") ?? 4),
                           originalContext: gguf.int("\(arch).rope.scaling.original_context_length") ?? 8192)
        default:
            if gguf.tensors["rope_freqs.weight"] != nil {
                return .llama3(factor: factor, lowFreqFactor: 1, highFreqFactor: 4, originalContext: 8192)
            }
            return .none
        }
    }

    private func validate() throws {
        guard headCount > 0, kvHeadCount > 0, headCount % kvHeadCount == 0 else {
            throw ModelError.badMetadata("\(headCount) query heads cannot be grouped over \(kvHeadCount) KV heads")
        }
        guard headDim > 0, headDim % 2 == 0, ropeDimensions <= headDim, ropeDimensions % 2 == 0 else {
            throw ModelError.badMetadata("head dimension \(headDim) / RoPE dimensions \(ropeDimensions) are not usable")
        }
        guard layerCount > 0, embeddingLength > 0, feedForwardLength > 0, vocabSize > 0, contextLength > 0 else {
            throw ModelError.badMetadata("layer count, widths, vocabulary and context must be positive")
        }
        guard contextLength <= Self.maxContextLength else {
            throw ModelError.badMetadata("\(architecture).context_length is \(contextLength), over the \(Self.maxContextLength) tokens "
                                         + "the engine supports; the file is damaged or not a usable model")
        }
    }

    /// Throws unless `block_count` matches the blocks `gguf` has weights for;
    /// checked before anything is sized by it (a damaged count asked for
    /// terabytes of layer slots).
    public func validateBlocks(of gguf: GGUFFile) throws {
        let present = Self.blockCount(in: gguf)
        guard layerCount == present else {
            throw ModelError.badMetadata("\(architecture).block_count is \(layerCount) but the file holds tensors for \(present) "
                                         + "blocks; the file is damaged")
        }
    }
}
