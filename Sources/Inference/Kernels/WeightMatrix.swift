import CBLAS
import GGUF

/// A weight matrix of `rows` output features × `cols` input features, in
/// whatever GGUF format it was stored (rows are contiguous).
///
/// It points into the mapped model file; nothing is copied at load.
public struct WeightMatrix: @unchecked Sendable {
    public let name: String
    public let type: GGMLType
    public let rows: Int
    public let cols: Int
    let data: UnsafeRawPointer
    let rowBytes: Int

    package init(name: String, type: GGMLType, rows: Int, cols: Int, data: UnsafeRawPointer) {
        self.name = name
        self.type = type
        self.rows = rows
        self.cols = cols
        self.data = data
        self.rowBytes = cols / type.blockSize * type.bytesPerBlock
    }

    /// Whether decoding reads this type's blocks directly (otherwise a row is dequantized first).
    package var hasDirectKernel: Bool { DotKernels.kernel(for: type) != nil }

    /// Whether `Numerics.fast` decoding multiplies this type in integers.
    package var hasIntegerKernel: Bool { Q8Dot.kernel0(for: type) != nil || Q8Dot.kernelK(for: type) != nil }

    /// `y = W x` as `Numerics.fast` decodes it: `x` rounded to 8-bit blocks
    /// once, rows multiplied in integers (types without an integer kernel
    /// take the f32 kernels). `scratch` as for `multiply(_:into:sums:scratch:pool:)`.
    package func multiplyQuantized(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                   scratch: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        let width = (cols + 255) / 256 * 256
        let q8 = Q8_0Vector(capacity: width), q8K = Q8_KVector(capacity: width)
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: width / 32)
        defer { q8.deallocate(); q8K.deallocate(); sums.deallocate() }
        let input = MatVecInput.quantized(x, count: cols, for: [self], sums: sums, q8: q8, q8K: q8K)
        Self.multiply([Projection(self, y)], input, scratch: scratch, pool: pool)
    }

    /// Rows `range` of this matrix, sharing its data.
    func rows(_ range: Range<Int>) -> WeightMatrix {
        WeightMatrix(name: "\(name)[\(range.lowerBound)..<\(range.upperBound)]", type: type, rows: range.count, cols: cols,
                     data: data + range.lowerBound * rowBytes)
    }

    /// `y = W x` for one vector (decoding). See `multiply(_:_:sums:scratch:pool:)`.
    package func multiply(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, sums: UnsafePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        Self.multiply([Projection(self, y)], x, sums: sums, scratch: scratch, pool: pool)
    }

    /// `out = W x` for every projection, all reading the same `x` (`cols`
    /// floats, with its 32-block sums in `sums`): one parallel job over the
    /// rows of all matrices, claimed in chunks, so that q/k/v or gate/up
    /// cost one dispatch. `scratch` must hold `cols` floats per thread
    /// (used by types without a direct kernel).
    static func multiply(_ projections: [Projection], _ x: UnsafePointer<Float>, sums: UnsafePointer<Float>,
                         scratch: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        multiply(projections, MatVecInput(x, sums: sums), scratch: scratch, pool: pool)
    }

    /// As `multiply(_:_:sums:scratch:pool:)`; rows whose type has an integer
    /// kernel for an 8-bit form that `input` carries read that form.
    static func multiply(_ projections: [Projection], _ input: MatVecInput, scratch: UnsafeMutablePointer<Float>,
                         pool: WorkerPool) {
        let threads = pool.threadCount
        // About 8 tiles per thread, so that a late or slow thread is covered.
        let tiles = Tiles(projections) { rows in max(16, roundUp((rows + threads * 8 - 1) / (threads * 8), 16)) }
        pool.forEachChunk(tiles.count, chunk: 1) { range, thread in
            for c in range { tiles[c].multiply(input, scratch: scratch + thread * tiles.cols) }
        }
    }

    /// `Y = X Wᵀ` for a chunk of `count` vectors (prefill). See
    /// `multiply(batch:_:count:scratch:capacity:pool:)`.
    func multiply(batch x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>,
                  outputStride: Int? = nil, scratch: UnsafeMutablePointer<Float>, capacity: Int, pool: WorkerPool) {
        Self.multiply(batch: [Projection(self, y, stride: outputStride ?? rows)], x, count: count,
                      scratch: scratch, capacity: capacity, pool: pool)
    }

    /// `Y = X Wᵀ` for every projection (all with `cols` inputs), for a chunk
    /// of `count` vectors `x` (`[count][cols]`). Row tiles of all matrices
    /// are claimed by the threads; each dequantizes its tile into its share
    /// of `scratch` (`capacity` floats in all) and calls `cblas_sgemm` on it.
    static func multiply(batch projections: [Projection], _ x: UnsafePointer<Float>, count: Int,
                         scratch: UnsafeMutablePointer<Float>, capacity: Int, pool: WorkerPool) {
        let threads = pool.threadCount, cols = projections[0].matrix.cols
        let most = capacity / (threads * cols) / 16 * 16
        precondition(most >= 16, "weight scratch too small for \(threads) threads")
        // About 2 tiles per thread, of 64…1024 rows: sgemm packs all of X for
        // every tile, so tiles are kept large.
        let tiles = Tiles(projections) { rows in min(most, max(64, min(1024, roundUp((rows + threads * 2 - 1) / (threads * 2), 16)))) }
        pool.forEachChunk(tiles.count, chunk: 1) { range, thread in
            let w = scratch + thread * most * cols
            for c in range {
                let t = tiles[c]
                t.dequantize(into: w)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(t.rows.count), Int32(cols),
                            1, x, Int32(cols), w, Int32(cols), 0, t.out + t.rows.lowerBound, Int32(t.stride))
            }
        }
    }

    /// Copies row `r` as f32 into `out` (embedding lookup).
    func row(_ r: Int, into out: UnsafeMutablePointer<Float>) {
        Dequantize.row(type, from: data + r * rowBytes, to: out, count: cols)
    }
}

/// One product of a fused multiply: `out` receives `matrix` applied to the
/// shared input, rows `stride` apart in the batch case.
struct Projection {
    let matrix: WeightMatrix
    let out: UnsafeMutablePointer<Float>
    let stride: Int

    init(_ matrix: WeightMatrix, _ out: UnsafeMutablePointer<Float>, stride: Int? = nil) {
        self.matrix = matrix
        self.out = out
        self.stride = stride ?? matrix.rows
    }
}

/// Row ranges of a list of projections (sharing `cols`), numbered
/// consecutively so that one parallel job can hand them out. Tiles hold
/// plain pointers and sizes only (no reference counting in the workers).
private struct Tiles {
    struct Tile {
        let type: GGMLType
        let cols: Int
        let rowBytes: Int
        let data: UnsafeRawPointer
        let out: UnsafeMutablePointer<Float>
        let stride: Int
        let rows: Range<Int>

        /// Rows of `W x` into `out[rows]`; `scratch` holds `cols` floats for
        /// types without a direct kernel.
        @inline(__always)
        func multiply(_ input: MatVecInput, scratch: UnsafeMutablePointer<Float>) {
            let cols = cols, rowBytes = rowBytes, data = data, out = out, x = input.x, sums = input.sums
            if let q8 = input.q8, let kernel = Q8Dot.kernel0(for: type) {
                for r in rows { out[r] = kernel(data + r * rowBytes, q8, cols) }
            } else if let q8K = input.q8K, let kernel = Q8Dot.kernelK(for: type) {
                for r in rows { out[r] = kernel(data + r * rowBytes, q8K, cols) }
            } else if let kernel = DotKernels.kernel(for: type) {
                for r in rows { out[r] = kernel(data + r * rowBytes, x, sums, cols) }
            } else {
                for r in rows {
                    Dequantize.row(type, from: data + r * rowBytes, to: scratch, count: cols)
                    out[r] = DotKernels.dotF32(UnsafeRawPointer(scratch), x, sums, cols)
                }
            }
        }

        /// The tile's rows as f32, row-major, into `w`.
        func dequantize(into w: UnsafeMutablePointer<Float>) {
            for r in rows { Dequantize.row(type, from: data + r * rowBytes, to: w + (r - rows.lowerBound) * cols, count: cols) }
        }
    }

    let cols: Int
    private var tiles: [Tile] = []

    init(_ projections: [Projection], size: (_ rows: Int) -> Int) {
        cols = projections[0].matrix.cols
        for p in projections {
            let m = p.matrix, step = size(m.rows)
            precondition(m.cols == cols, "fused projections must share their input")
            for lo in stride(from: 0, to: m.rows, by: step) {
                tiles.append(Tile(type: m.type, cols: m.cols, rowBytes: m.rowBytes, data: m.data, out: p.out,
                                  stride: p.stride, rows: lo..<min(m.rows, lo + step)))
            }
        }
    }

    var count: Int { tiles.count }

    subscript(_ c: Int) -> Tile { tiles[c] }
}

@inline(__always) private func roundUp(_ n: Int, _ m: Int) -> Int { (n + m - 1) / m * m }

/// Sums of `x` over each 32-element block, used by kernels of formats with
/// an additive offset (Q4_0, Q4_1, Q5_0, K-quant mins).
@inline(__always) func blockSums(_ x: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>) {
    for b in 0..<(count / 32) {
        let p = UnsafeRawPointer(x + b * 32)
        var s = p.loadUnaligned(as: SIMD16<Float>.self)
        s += p.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        out[b] = s.sum()
    }
}

