import Foundation
import GGUF

/// A model's weights in GPU memory, uploaded once: matrices in their GGUF
/// block format (a matrix shared by two roles, such as tied embeddings, once),
/// norms, biases and RoPE frequencies as f32.
final class DeviceWeights: @unchecked Sendable {
    struct Layer {
        let matrices: [MatrixRole: DeviceBuffer]
        let norms: [NormRole: DeviceBuffer]
        let biases: [(DeviceBuffer, ActivationBuffer)]
        let queryNorm: DeviceBuffer?
        let keyNorm: DeviceBuffer?
        let ropeFrequencies: DeviceBuffer?
        /// Rotated pairs per head (the frequencies' count).
        let ropePairs: Int
    }

    let layers: [Layer]
    let output: DeviceBuffer
    let outputNorm: DeviceBuffer

    /// Uploads `model`; throws when a matrix's type has no CUDA kernel.
    init(_ model: Model, driver: CUDADriver) throws {
        var uploaded: [UnsafeRawPointer: DeviceBuffer] = [:]
        func matrix(_ m: WeightMatrix) throws -> DeviceBuffer {
            guard CUDAKernels.matmulTypes.contains(m.type) else { throw CUDAError.unsupported(type: "\(m.type)", tensor: m.name) }
            if let buffer = uploaded[m.data] { return buffer }
            let buffer = try DeviceBuffer(bytes: m.rows * m.rowBytes, driver: driver)
            try buffer.upload(m.data, bytes: m.rows * m.rowBytes)
            uploaded[m.data] = buffer
            return buffer
        }
        func floats(_ values: [Float]?) throws -> DeviceBuffer? {
            guard let values else { return nil }
            let buffer = try DeviceBuffer(bytes: values.count * 4, driver: driver)
            try values.withUnsafeBytes { try buffer.upload($0.baseAddress!, bytes: $0.count) }
            return buffer
        }
        layers = try model.layers.enumerated().map { l, w in
            var matrices: [MatrixRole: DeviceBuffer] = [:], norms: [NormRole: DeviceBuffer] = [:]
            for role in [MatrixRole.query, .key, .value, .output, .gate, .up, .down] { matrices[role] = try matrix(w.matrix(role)) }
            for role in [NormRole.attention, .feedForward, .postAttention, .postFeedForward] { norms[role] = try floats(w.norm(role)) }
            let biases = try [(w.queryBias, ActivationBuffer.query), (w.keyBias, .key), (w.valueBias, .value)]
                .compactMap { bias, target in try floats(bias).map { ($0, target) } }
            return Layer(matrices: matrices, norms: norms, biases: biases, queryNorm: try floats(w.queryNorm),
                         keyNorm: try floats(w.keyNorm), ropeFrequencies: try floats(model.ropeFrequencies(layer: l)),
                         ropePairs: model.ropeFrequencies(layer: l)?.count ?? 0)
        }
        output = try matrix(model.output)
        outputNorm = try floats(model.outputNorm)!
    }
}
