/// The output head: normalized hidden states → vocabulary logits.
struct LogitsProjector {
    /// Vocabulary rows dequantized at once when many positions need logits.
    static let vocabBlock = 4096
    let matrix: WeightMatrix
    let numerics: Numerics

    /// Logits for `count` rows of `x` (row-major `[count][vocab]`).
    func project(_ x: UnsafeMutablePointer<Float>, count: Int, buffers b: ForwardBuffers, pool: WorkerPool) -> [Float] {
        let vocab = matrix.rows, d = matrix.cols
        if numerics == .llamaCpp {
            ActivationRounding.round(x, into: x, count: count * d, grid: ActivationRounding.grid(for: matrix.type))
        }
        return [Float](unsafeUninitializedCapacity: count * vocab) { out, n in
            let y = out.baseAddress!
            if count == 1, numerics == .fast {
                let input = MatVecInput.quantized(x, count: d, for: [matrix], buffers: b)
                WeightMatrix.multiply([Projection(matrix, y)], input, scratch: b.rowScratch, pool: pool)
            } else if count == 1 {
                blockSums(x, count: d, into: b.blockSums)
                matrix.multiply(x, into: y, sums: b.blockSums, scratch: b.rowScratch, pool: pool)
            } else {
                projectBlocks(x, count: count, into: y, b, pool)
            }
            n = count * vocab
        }
    }

    /// Many rows: vocabulary blocks are dequantized and multiplied by sgemm,
    /// writing into the strided output.
    private func projectBlocks(_ x: UnsafeMutablePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>,
                               _ b: ForwardBuffers, _ pool: WorkerPool) {
        let vocab = matrix.rows
        var v0 = 0
        while v0 < vocab {
            let rows = min(Self.vocabBlock, vocab - v0)
            let block = WeightMatrix(name: matrix.name, type: matrix.type, rows: rows, cols: matrix.cols,
                                     data: matrix.data + v0 * matrix.rowBytes)
            block.multiply(batch: x, count: count, into: y + v0, outputStride: vocab, scratch: b.weights,
                           capacity: b.weightsCapacity, pool: pool)
            v0 += rows
        }
    }
}
