import Foundation
import GGUF
import GGUFWriting
import Inference

/// A tiny random-weight llama model in a temporary GGUF file (the shape of
/// InferenceTests' `TinyModel`), for running real sessions in snapshot tests.
enum TinyModel {
    static let d = 256, ff = 512, heads = 4, kvHeads = 2, headDim = 64, layers = 2, vocab = 96, context = 320

    /// Writes the model and returns its path; the caller removes it.
    static func write(seed: UInt64) throws -> String {
        var rng = SplitMix64(seed: seed)
        var shape = TinyModelShape(architecture: "llama", matrixType: .q8_0, context: context)
        (shape.embedding, shape.feedForward, shape.heads, shape.kvHeads) = (d, ff, heads, kvHeads)
        (shape.headDim, shape.layers, shape.vocabulary) = (headDim, layers, vocab)
        let path = NSTemporaryDirectory() + "precis-snapshot-tiny-\(UUID().uuidString).gguf"
        try TinyModelBuilder.write(shape, to: path, using: &rng)
        return path
    }
}
