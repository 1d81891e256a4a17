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

    init(name: String, type: GGMLType, rows: Int, cols: Int, data: UnsafeRawPointer) {
        self.name = name
        self.type = type
        self.rows = rows
        self.cols = cols
        self.data = data
        self.rowBytes = cols / type.blockSize * type.bytesPerBlock
    }

    /// Dequantizes rows `range` into `out` (row-major, `cols` floats each).
    func dequantize(rows range: Range<Int>, into out: UnsafeMutablePointer<Float>) {
        for r in range {
            Dequantize.row(type, from: data + r * rowBytes, to: out + (r - range.lowerBound) * cols, count: cols)
        }
    }

    /// `y = W x` for one vector (decoding). Rows are split across the pool;
    /// `scratch` must hold `cols` floats per thread when the type has no
    /// direct kernel.
    func multiply(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, sums: UnsafePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        let cols = cols, rowBytes = rowBytes, data = data, type = type
        if let kernel = DotKernels.kernel(for: type) {
            pool.parallelFor(rows, granularity: 16) { range in
                for r in range { y[r] = kernel(data + r * rowBytes, x, sums, cols) }
            }
        } else {
            pool.run { t in
                let lo = rows * t / pool.threadCount, hi = rows * (t + 1) / pool.threadCount
                let buf = scratch + t * cols
                for r in lo..<hi {
                    Dequantize.row(type, from: data + r * rowBytes, to: buf, count: cols)
                    y[r] = DotKernels.dotF32(UnsafeRawPointer(buf), x, sums, cols)
                }
            }
        }
    }

    /// `Y = X Wᵀ` for a chunk of `count` vectors (prefill): each thread
    /// dequantizes its share of rows into `scratch` (`rows × cols` floats)
    /// and calls `cblas_sgemm` once for it.
    func multiply(batch x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>,
                  outputStride: Int? = nil, scratch: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        let rows = rows, cols = cols, ldc = Int32(outputStride ?? rows)
        pool.parallelFor(rows, granularity: 16) { range in
            let w = scratch + range.lowerBound * cols
            self.dequantize(rows: range, into: w)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(range.count), Int32(cols),
                        1, x, Int32(cols), w, Int32(cols), 0, y + range.lowerBound, ldc)
        }
    }

    /// Copies row `r` as f32 into `out` (embedding lookup).
    func row(_ r: Int, into out: UnsafeMutablePointer<Float>) {
        Dequantize.row(type, from: data + r * rowBytes, to: out, count: cols)
    }
}

/// Sums of `x` over each 32-element block, used by kernels of formats with
/// an additive offset (Q4_0, Q4_1, K-quant mins).
@inline(__always) func blockSums(_ x: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>) {
    for b in 0..<(count / 32) {
        let p = UnsafeRawPointer(x + b * 32)
        var s = p.loadUnaligned(as: SIMD16<Float>.self)
        s += p.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
        out[b] = s.sum()
    }
}
