import Foundation

/// The backend on an NVIDIA GPU: weights uploaded once (`DeviceWeights`),
/// activations in GPU buffers, every operation a kernel of `CUDAKernels`.
/// The embedding is looked up on the host (one row per token); the chunk's
/// keys and values go through the host `HybridKVCache`, which stays the
/// session's record, and attention reads them from `DeviceKVMirror`.
///
/// A failed launch means a lost or broken GPU, not a bad input: the process
/// stops with the driver's message.
final class CUDABackend: Backend {
    let model: Model
    let kernels: CUDAKernels
    let weights: DeviceWeights
    let mirror: DeviceKVMirror
    let capacity: Int
    private let buffers: [ActivationBuffer: DeviceBuffer]
    private let host: UnsafeMutablePointer<Float>
    private let hostValues: UnsafeMutablePointer<Float>
    /// Logits of the largest chunk asked for so far, reused.
    private var logitBuffer: DeviceBuffer?

    /// Uploads `model` to `kernels`' GPU, for chunks of up to `chunkSize` tokens.
    init(model: Model, chunkSize: Int, kernels: CUDAKernels) throws {
        let c = model.config, driver = kernels.context.driver
        self.model = model
        self.kernels = kernels
        capacity = chunkSize
        weights = try DeviceWeights(model, driver: driver)
        mirror = DeviceKVMirror(config: c, driver: driver)
        var buffers: [ActivationBuffer: DeviceBuffer] = [:]
        for buffer in [ActivationBuffer.hidden, .normed, .query, .key, .value, .attention, .projected, .gate, .up] {
            buffers[buffer] = try DeviceBuffer(bytes: chunkSize * Self.width(buffer, c) * 4, driver: driver)
        }
        self.buffers = buffers
        host = .allocate(capacity: chunkSize * max(c.embeddingLength, c.qDim, c.feedForwardLength))
        hostValues = .allocate(capacity: chunkSize * c.kvDim)
    }

    deinit {
        host.deallocate()
        hostValues.deallocate()
    }

    var config: ModelConfig { model.config }

    static func width(_ buffer: ActivationBuffer, _ c: ModelConfig) -> Int {
        switch buffer {
        case .hidden, .normed, .projected: c.embeddingLength
        case .query, .attention: c.qDim
        case .key, .value: c.kvDim
        case .gate, .up: c.feedForwardLength
        }
    }

    private func device(_ buffer: ActivationBuffer) -> DeviceBuffer { buffers[buffer]! }

    private func run(_ what: String, _ body: () throws -> Void) {
        do { try body() } catch { fatalError("the GPU failed (\(what)): \(error)") }
    }

    func embed(_ tokens: [Int32]) {
        let d = config.embeddingLength
        for (i, token) in tokens.enumerated() { model.tokenEmbedding.row(Int(token), into: host + i * d) }
        if config.traits.scaledEmbedding { VectorMath.scale(host, tokens.count * d, by: Float(d).squareRoot()) }
        run("embed") { try device(.hidden).upload(host, bytes: tokens.count * d * 4) }
    }

    func normalize(_ norm: NormRole, layer: Int, _ source: ActivationBuffer, into target: ActivationBuffer, count: Int) {
        guard let weight = weights.layers[layer].norms[norm] else { return }
        run("rms_norm") {
            try kernels.rmsNorm(device(source), weight: weight, into: device(target), rows: count, width: config.embeddingLength,
                                epsilon: config.rmsEpsilon)
        }
    }

    func normalizeOutput(rows: Range<Int>) {
        run("output norm") {
            try kernels.rmsNorm(device(.hidden), firstRow: rows.lowerBound, weight: weights.outputNorm, into: device(.normed),
                                rows: rows.count, width: config.embeddingLength, epsilon: config.rmsEpsilon)
        }
    }

    func project(layer: Int, _ items: [(MatrixRole, ActivationBuffer)], from input: ActivationBuffer, count: Int) {
        let w = model.layers[layer]
        for (role, target) in items {
            let m = w.matrix(role)
            run("matmul \(m.name)") {
                try kernels.matmul(m.type, weights: weights.layers[layer].matrices[role]!, rowBytes: m.rowBytes, rows: m.rows,
                                   cols: m.cols, x: device(input), count: count, into: device(target))
            }
        }
    }

    func addBiases(layer: Int, count: Int) {
        for (bias, target) in weights.layers[layer].biases {
            run("bias") { try kernels.addBias(bias, into: device(target), rows: count, width: Self.width(target, config)) }
        }
    }

    func normalizeHeads(layer: Int, count: Int) {
        let l = weights.layers[layer], c = config
        for (weight, buffer, heads) in [(l.queryNorm, ActivationBuffer.query, c.headCount), (l.keyNorm, .key, c.kvHeadCount)] {
            guard let weight else { continue }
            run("head norm") {
                try kernels.rmsNorm(device(buffer), weight: weight, into: device(buffer), rows: count * heads, width: c.headDim,
                                    epsilon: c.rmsEpsilon)
            }
        }
    }

    func rotate(layer: Int, count: Int, start: Int) {
        let w = weights.layers[layer], c = config
        guard let frequencies = w.ropeFrequencies else { return }
        run("rope") {
            for (buffer, heads) in [(ActivationBuffer.query, c.headCount), (.key, c.kvHeadCount)] {
                try kernels.rope(device(buffer), rows: count, heads: heads, headDim: c.headDim, start: start,
                                 frequencies: frequencies, pairs: w.ropePairs, neox: c.architecture.ropeIsNeox)
            }
        }
    }

    /// Keys and values come back to the host cache (its record of the
    /// session); attention then runs on the GPU over the mirrored rows.
    /// An `observer` (attention attribution) is not served on the GPU yet.
    func attend(layer: Int, count: Int, cache: HybridKVCache, observer: AttentionObserver?) {
        let c = config
        precondition(observer == nil, "attention attribution runs on the CPU backend only")
        run("attention") {
            try device(.key).download(into: host, bytes: count * c.kvDim * 4)
            try device(.value).download(into: hostValues, bytes: count * c.kvDim * 4)
            let spans = cache.update(layer: layer, keys: host, values: hostValues, count: count)
            for (head, span) in spans.enumerated() {
                let (first, second) = try mirror.segments(layer: layer, head: head, spans: span, cache: cache)
                try kernels.attend(query: device(.query), output: device(.attention), rows: count, stride: c.qDim,
                                   firstHead: head * c.groupSize, group: c.groupSize, headDim: c.headDim,
                                   scale: c.attentionScale, first, second)
            }
        }
    }

    func activate(count: Int) {
        let kernel = config.traits.activation == .swiGLU ? "swiglu" : "geglu"
        run(kernel) { try kernels.activate(kernel, gate: device(.gate), up: device(.up), count: count * config.feedForwardLength) }
    }

    func addResidual(_ source: ActivationBuffer, count: Int) {
        run("residual") { try kernels.add(device(source), into: device(.hidden), count: count * config.embeddingLength) }
    }

    func logits(count: Int) -> [Float] {
        let m = model.output, vocabulary = m.rows
        var out = [Float](repeating: 0, count: count * vocabulary)
        run("logits") {
            let bytes = count * vocabulary * 4
            if (logitBuffer?.bytes ?? 0) < bytes { logitBuffer = try DeviceBuffer(bytes: bytes, driver: kernels.context.driver) }
            let y = logitBuffer!
            try kernels.matmul(m.type, weights: weights.output, rowBytes: m.rowBytes, rows: vocabulary, cols: m.cols,
                               x: device(.normed), count: count, into: y)
            try out.withUnsafeMutableBytes { try y.download(into: $0.baseAddress!, bytes: $0.count) }
        }
        return out
    }

    func withHostBuffer(_ buffer: ActivationBuffer, _ body: (UnsafeMutablePointer<Float>) -> Void) {
        let bytes = capacity * Self.width(buffer, config) * 4
        run("copy to host") { try device(buffer).download(into: host, bytes: bytes) }
        body(host)
        run("copy to GPU") { try device(buffer).upload(host, bytes: bytes) }
    }
}
