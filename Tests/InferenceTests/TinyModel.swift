import Foundation
import GGUF
import GGUFWriting
@testable import Inference

/// A tiny random-weight llama/qwen2 model written to a temporary GGUF file,
/// plus its weights in f32 for the reference forward pass.
struct TinyModel {
    static let d = 256, ff = 512, heads = 4, kvHeads = 2, headDim = 64, layers = 2, vocab = 96, context = 160

    let path: String
    let arch: Architecture
    /// Storage type of every matrix.
    let type: GGMLType
    /// Dequantized weights by tensor name, exactly as the engine sees them.
    let weights: [String: [Float]]

    /// Writes a model whose matrices are stored as `type`; `metadata`
    /// overrides `<arch>.<key>` integers (to build damaged headers).
    static func make(arch: Architecture, type: GGMLType, seed: UInt64, metadata: [String: UInt64] = [:]) throws -> TinyModel {
        var rng = SplitMix64(seed: seed)
        var shape = TinyModelShape(architecture: arch.rawValue, matrixType: type, context: context)
        (shape.embedding, shape.feedForward, shape.heads, shape.kvHeads) = (d, ff, heads, kvHeads)
        (shape.headDim, shape.layers, shape.vocabulary) = (headDim, layers, vocab)
        let path = NSTemporaryDirectory() + "precis-tiny-\(arch.rawValue)-\(type)-\(UUID().uuidString).gguf"
        let weights = try TinyModelBuilder.write(shape, to: path, using: &rng, metadata: metadata)
        return TinyModel(path: path, arch: arch, type: type, weights: weights)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

