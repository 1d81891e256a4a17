/// Activations of one forward pass over up to `capacity` tokens, allocated
/// once per session and reused by every chunk and decoding step.
final class ForwardBuffers: @unchecked Sendable {
    let capacity: Int
    let hidden: UnsafeMutablePointer<Float>       // [T][d]   residual stream
    let normed: UnsafeMutablePointer<Float>       // [T][d]
    let query: UnsafeMutablePointer<Float>        // [T][qDim]
    let key: UnsafeMutablePointer<Float>          // [T][kvDim]
    let value: UnsafeMutablePointer<Float>        // [T][kvDim]
    let attention: UnsafeMutablePointer<Float>    // [T][qDim]
    let projected: UnsafeMutablePointer<Float>    // [T][d]
    let gate: UnsafeMutablePointer<Float>         // [T][ff]
    let up: UnsafeMutablePointer<Float>           // [T][ff]
    let blockSums: UnsafeMutablePointer<Float>    // [max(d, ff, qDim) / 32]
    /// Matmul input rounded to the weight's activation grid: [T][max(d, ff, qDim)].
    let roundedInput: UnsafeMutablePointer<Float>
    let cosSin: UnsafeMutablePointer<Float>       // [headDim]
    /// Dequantized weight tiles of prefill matmuls (every thread's share).
    let weights: UnsafeMutablePointer<Float>
    let weightsCapacity: Int
    /// Per-thread rows for types without a direct dot kernel.
    let rowScratch: UnsafeMutablePointer<Float>
    /// One decode input in 8-bit blocks of 32 and of 256 (`Numerics.fast`).
    let q8: Q8_0Vector
    let q8K: Q8_KVector
    let attentionScratch: [AttentionScratch]

    init(config c: ModelConfig, capacity: Int, threads: Int) {
        self.capacity = capacity
        let d = c.embeddingLength, ff = c.feedForwardLength
        hidden = .allocate(capacity: capacity * d)
        normed = .allocate(capacity: capacity * d)
        query = .allocate(capacity: capacity * c.qDim)
        key = .allocate(capacity: capacity * c.kvDim)
        value = .allocate(capacity: capacity * c.kvDim)
        attention = .allocate(capacity: capacity * c.qDim)
        projected = .allocate(capacity: capacity * d)
        gate = .allocate(capacity: capacity * ff)
        up = .allocate(capacity: capacity * ff)
        blockSums = .allocate(capacity: Swift.max(d, ff, c.qDim) / 32 + 1)
        roundedInput = .allocate(capacity: capacity * Swift.max(d, ff, c.qDim))
        cosSin = .allocate(capacity: c.headDim)
        // At least 64-row tiles per thread of the widest matrix (see WeightMatrix.multiply(batch:)).
        weightsCapacity = Swift.max(ff * d, c.qDim * d, d * c.qDim, LogitsProjector.vocabBlock * d,
                                    threads * 64 * Swift.max(d, ff, c.qDim))
        weights = .allocate(capacity: weightsCapacity)
        rowScratch = .allocate(capacity: threads * Swift.max(d, ff, c.qDim))
        let widest = (Swift.max(d, ff, c.qDim) + 255) / 256 * 256
        q8 = Q8_0Vector(capacity: widest)
        q8K = Q8_KVector(capacity: widest)
        attentionScratch = (0..<threads).map { _ in
            AttentionScratch(group: c.groupSize, headDim: c.headDim)
        }
    }

    deinit {
        [hidden, normed, query, key, value, attention, projected, gate, up, blockSums, roundedInput, cosSin, weights, rowScratch]
            .forEach { $0.deallocate() }
        q8.deallocate()
        q8K.deallocate()
    }
}
