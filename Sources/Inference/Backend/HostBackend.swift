/// A backend whose activations are `ForwardBuffers` in host memory: the
/// operations that are plain host arithmetic whatever the numerics
/// (embedding, biases, residual adds, lending a buffer) are shared here.
protocol HostBackend: Backend {
    var model: Model { get }
    var buffers: ForwardBuffers { get }
    /// The RMS norm of one row: `(x, weight, out, width, epsilon)`.
    var rmsNorm: RowNorm { get }
}

/// An RMS norm of one row, `(x, weight, out, width, epsilon)`.
typealias RowNorm = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Float) -> Void

extension HostBackend {
    var config: ModelConfig { model.config }

    func pointer(_ buffer: ActivationBuffer) -> UnsafeMutablePointer<Float> {
        let b = buffers
        switch buffer {
        case .hidden: return b.hidden
        case .normed: return b.normed
        case .query: return b.query
        case .key: return b.key
        case .value: return b.value
        case .attention: return b.attention
        case .projected: return b.projected
        case .gate: return b.gate
        case .up: return b.up
        }
    }

    func embed(_ tokens: [Int32]) {
        let d = config.embeddingLength, hidden = buffers.hidden
        for (i, token) in tokens.enumerated() { model.tokenEmbedding.row(Int(token), into: hidden + i * d) }
        if config.traits.scaledEmbedding { VectorMath.scale(hidden, tokens.count * d, by: Float(d).squareRoot()) }
    }

    func addBiases(layer l: Int, count t: Int) {
        let w = model.layers[l]
        for (bias, buffer) in [(w.queryBias, buffers.query), (w.keyBias, buffers.key), (w.valueBias, buffers.value)] {
            guard let bias else { continue }
            bias.withUnsafeBufferPointer { p in
                for i in 0..<t { VectorMath.add(p.baseAddress!, into: buffer + i * bias.count, bias.count) }
            }
        }
    }

    func addResidual(_ source: ActivationBuffer, count t: Int) {
        VectorMath.add(pointer(source), into: buffers.hidden, t * config.embeddingLength)
    }

    func withHostBuffer(_ buffer: ActivationBuffer, _ body: (UnsafeMutablePointer<Float>) -> Void) {
        body(pointer(buffer))
    }

    /// Applies `norm` (`width` wide, e.g. d or a head) to `rows` rows of `source` into `target`.
    func normalize(_ norm: NormRole, layer: Int, _ source: ActivationBuffer, into target: ActivationBuffer, count: Int) {
        guard let weight = model.layers[layer].norm(norm) else { return }
        normalizeRows(weight, pointer(source), pointer(target), rows: count, width: config.embeddingLength, with: rmsNorm)
    }

    func normalizeOutput(rows: Range<Int>) {
        let d = config.embeddingLength
        normalizeRows(model.outputNorm, buffers.hidden + rows.lowerBound * d, buffers.normed, rows: rows.count, width: d,
                      with: rmsNorm)
    }

    func normalizeRows(_ weight: [Float], _ source: UnsafeMutablePointer<Float>, _ target: UnsafeMutablePointer<Float>,
                       rows: Int, width: Int, with norm: RowNorm) {
        let eps = config.rmsEpsilon
        weight.withUnsafeBufferPointer { w in
            for i in 0..<rows { norm(source + i * width, w.baseAddress!, target + i * width, width, eps) }
        }
    }
}
