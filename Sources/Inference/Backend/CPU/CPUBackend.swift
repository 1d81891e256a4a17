import Foundation

/// The product's backend: weights read in place from the mapped GGUF file,
/// activations in `ForwardBuffers`, the two worker threads of `pool`. One
/// token takes the quantized mat-vec kernels, a chunk dequantizes tiles for
/// sgemm; attention runs over the spans the hybrid cache gives each head.
///
/// `numerics == .llamaCpp` rounds activations to the grids llama.cpp's
/// matmuls use, for models `LlamaCppBackend` does not cover; `.fast` decodes
/// with the integer kernels over 8-bit activation blocks.
final class CPUBackend: HostBackend {
    let model: Model
    let buffers: ForwardBuffers
    let numerics: Numerics
    let pool: WorkerPool
    let attention: Attention

    init(model: Model, chunkSize: Int, numerics: Numerics, pool: WorkerPool) {
        self.model = model
        self.numerics = numerics
        self.pool = pool
        buffers = ForwardBuffers(config: model.config, capacity: chunkSize, threads: pool.threadCount)
        attention = Attention(config: model.config)
    }

    var rmsNorm: RowNorm { VectorMath.rmsNorm }

    func normalizeHeads(layer l: Int, count t: Int) {
        let w = model.layers[l], hd = config.headDim
        if let q = w.queryNorm {
            normalizeRows(q, buffers.query, buffers.query, rows: t * config.headCount, width: hd, with: rmsNorm)
        }
        if let k = w.keyNorm {
            normalizeRows(k, buffers.key, buffers.key, rows: t * config.kvHeadCount, width: hd, with: rmsNorm)
        }
    }

    /// By mat-vec for one token or sgemm for many. Matrices that see the
    /// same rounded input (all of them in exact numerics) run as one parallel job.
    func project(layer l: Int, _ items: [(MatrixRole, ActivationBuffer)], from source: ActivationBuffer, count t: Int) {
        let w = model.layers[l], b = buffers, input = pointer(source)
        let matrices = items.map { (w.matrix($0.0), pointer($0.1)) }
        if t == 1, numerics == .fast {
            let input = MatVecInput.quantized(input, count: matrices[0].0.cols, for: matrices.map(\.0), buffers: b)
            WeightMatrix.multiply(matrices.map { Projection($0.0, $0.1) }, input, scratch: b.rowScratch, pool: pool)
            return
        }
        let grids = matrices.map { numerics == .llamaCpp ? ActivationRounding.grid(for: $0.0.type) : .none }
        var pending = Array(matrices.indices)
        while let first = pending.first {
            let grid = grids[first]
            let projections = pending.filter { grids[$0] == grid }.map { Projection(matrices[$0].0, matrices[$0].1) }
            pending.removeAll { grids[$0] == grid }
            let cols = matrices[first].0.cols
            // Unrounded input is used in place.
            let x = grid == .none ? input : b.roundedInput
            if t == 1 {
                if grid != .none { ActivationRounding.round(input, into: x, count: cols, grid: grid, sums: b.blockSums) }
                if grid != .q8Block32WithSum { blockSums(x, count: cols, into: b.blockSums) }
                WeightMatrix.multiply(projections, x, sums: b.blockSums, scratch: b.rowScratch, pool: pool)
            } else {
                if grid != .none { ActivationRounding.round(input, into: x, count: t * cols, grid: grid) }
                WeightMatrix.multiply(batch: projections, x, count: t, scratch: b.weights, capacity: b.weightsCapacity, pool: pool)
            }
        }
    }

    func rotate(layer l: Int, count t: Int, start: Int) {
        let c = config, hd = c.headDim, b = buffers
        model.ropeFrequencies(layer: l)?.withUnsafeBufferPointer { f in
            for i in 0..<t {
                let pos = start + i
                Rope.apply(b.query + i * c.qDim, heads: c.headCount, headDim: hd, position: pos,
                           frequencies: f.baseAddress!, pairs: f.count, neox: c.architecture.ropeIsNeox, cosSin: b.cosSin)
                Rope.apply(b.key + i * c.kvDim, heads: c.kvHeadCount, headDim: hd, position: pos,
                           frequencies: f.baseAddress!, pairs: f.count, neox: c.architecture.ropeIsNeox, cosSin: b.cosSin)
            }
        }
    }

    func attend(layer l: Int, count t: Int, cache: HybridKVCache, observer: AttentionObserver?) {
        let b = buffers
        let spans = cache.update(layer: l, keys: b.key, values: b.value, count: t)
        if numerics == .llamaCpp {  // llama.cpp meets f16 keys with f16 queries
            ActivationRounding.round(b.query, into: b.query, count: t * config.qDim, grid: .half)
        }
        if t == 1 {
            DecodeAttention(attention: attention).run(spans: spans, b, pool, layer: l, observer: observer)
        } else {
            PrefillAttention(attention: attention).run(spans: spans, count: t, b, pool)
        }
    }

    func activate(count t: Int) {
        let n = t * config.feedForwardLength
        switch config.traits.activation {
        case .swiGLU: VectorMath.swiGLU(buffers.gate, buffers.up, n)
        case .geGLU: VectorMath.geGLU(buffers.gate, buffers.up, n)
        }
    }

    func logits(count: Int) -> [Float] {
        LogitsProjector(matrix: model.output, numerics: numerics).project(buffers.normed, count: count, buffers: buffers, pool: pool)
    }
}
