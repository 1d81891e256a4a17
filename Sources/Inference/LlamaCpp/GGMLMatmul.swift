import GGUF

/// Activations quantized the way ggml's `quantize_row_q8_0` / `q8_1` do it,
/// for `count` rows of `cols` values.
///
/// Each 32-block's quants are kept as floats in "lane-major" order
/// (`block[8j + k] = q[4k + j]`), so that the eight 4-element partial sums
/// ggml's AVX2 kernels form with `maddubs`/`madd` are plain vertical adds.
final class GGMLQ8Rows {
    let cols: Int
    let blocks: Int
    private(set) var capacity: Int
    private(set) var quants: UnsafeMutablePointer<Float>
    private(set) var scales: UnsafeMutablePointer<Float>
    private(set) var sums: UnsafeMutablePointer<Float>

    init(cols: Int, capacity: Int) {
        self.cols = cols
        blocks = cols / 32
        self.capacity = capacity
        quants = .allocate(capacity: capacity * cols)
        scales = .allocate(capacity: capacity * blocks)
        sums = .allocate(capacity: capacity * blocks)
    }

    deinit { quants.deallocate(); scales.deallocate(); sums.deallocate() }

    /// Quantizes `count` rows of `x` (`[count][cols]`).
    func quantize(_ x: UnsafePointer<Float>, count: Int) {
        if count > capacity {
            quants.deallocate(); scales.deallocate(); sums.deallocate()
            capacity = count
            quants = .allocate(capacity: capacity * cols)
            scales = .allocate(capacity: capacity * blocks)
            sums = .allocate(capacity: capacity * blocks)
        }
        for b in 0..<(count * blocks) { quantizeBlock(x + b * 32, b) }
    }

    @inline(__always) private func quantizeBlock(_ x: UnsafePointer<Float>, _ b: Int) {
        var amax: Float = 0
        for i in 0..<32 { amax = max(amax, abs(x[i])) }
        let d = amax / 127
        let inverse: Float = amax != 0 ? 127 / amax : 0
        var total: Int32 = 0
        let q = quants + b * 32
        for e in 0..<32 {
            let v = (x[e] * inverse).rounded(.toNearestOrEven)
            total &+= Int32(v)
            q[8 * (e & 3) + (e >> 2)] = v
        }
        scales[b] = Float(Float16(d))
        sums[b] = Float(Float16(d * Float(total)))
    }
}

/// `y = W x` for Q4_1 and Q8_0 weights with ggml's integer-dot arithmetic:
/// `ggml_vec_dot_q4_1_q8_1` (fma of `d_w·d_x` onto eight lane sums, plus
/// `m·s` accumulated with fma) and tinyBLAS's Q8_0×Q8_0 kernel (the same
/// lane sums without the offset term).
enum GGMLMatmul {
    static func supports(_ type: GGMLType) -> Bool { type == .q4_1 || type == .q8_0 }

    /// Rows of weights unpacked at once per thread (lane-major floats).
    static let rowTile = 16

    /// `out[t][r] = W[r] · x[t]` for the quantized rows `x`, written with row stride `outputStride`.
    static func multiply(_ w: WeightMatrix, _ x: GGMLQ8Rows, count: Int, into out: UnsafeMutablePointer<Float>,
                         outputStride: Int, pool: WorkerPool) {
        let nb = w.cols / 32, offset = w.type == .q4_1
        pool.parallelFor(w.rows, granularity: rowTile) { range in
            let wq = UnsafeMutablePointer<Float>.allocate(capacity: rowTile * w.cols)
            let wd = UnsafeMutablePointer<Float>.allocate(capacity: rowTile * nb)
            let wm = UnsafeMutablePointer<Float>.allocate(capacity: rowTile * nb)
            defer { wq.deallocate(); wd.deallocate(); wm.deallocate() }
            var r0 = range.lowerBound
            while r0 < range.upperBound {
                let rows = min(rowTile, range.upperBound - r0)
                for i in 0..<rows { unpack(w, row: r0 + i, wq + i * w.cols, wd + i * nb, wm + i * nb) }
                for t in 0..<count {
                    let a = x.quants + t * w.cols, da = x.scales + t * nb, sa = x.sums + t * nb
                    let y = out + t * outputStride + r0
                    for i in 0..<rows {
                        y[i] = dot(wq + i * w.cols, wd + i * nb, wm + i * nb, a, da, sa, nb, offset: offset)
                    }
                }
                r0 += rows
            }
        }
    }

    @inline(__always) private static func dot(_ wq: UnsafePointer<Float>, _ wd: UnsafePointer<Float>, _ wm: UnsafePointer<Float>,
                                              _ a: UnsafePointer<Float>, _ da: UnsafePointer<Float>, _ sa: UnsafePointer<Float>,
                                              _ nb: Int, offset: Bool) -> Float {
        var acc = SIMD8<Float>()
        var summs: Float = 0
        for b in 0..<nb {
            let w = wq + b * 32, q = a + b * 32
            // Integer products and their sums are exact in f32 here (|Σ| < 2^13).
            var lanes = GGMLMath.load8(w) * GGMLMath.load8(q)
            lanes += GGMLMath.load8(w + 8) * GGMLMath.load8(q + 8)
            lanes += GGMLMath.load8(w + 16) * GGMLMath.load8(q + 16)
            lanes += GGMLMath.load8(w + 24) * GGMLMath.load8(q + 24)
            acc = acc.addingProduct(SIMD8(repeating: wd[b] * da[b]), lanes)
            if offset { summs = summs.addingProduct(wm[b], sa[b]) }
        }
        return offset ? GGMLMath.hsum(acc) + summs : GGMLMath.hsum(acc)
    }

    /// Unpacks one weight row into lane-major float quants, scales and mins.
    private static func unpack(_ w: WeightMatrix, row r: Int, _ q: UnsafeMutablePointer<Float>,
                               _ d: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>) {
        let p = w.data + r * w.rowBytes
        switch w.type {
        case .q4_1:
            for b in 0..<(w.cols / 32) {
                let blk = p + b * 20
                d[b] = DotKernels.half(blk, 0)
                m[b] = DotKernels.half(blk, 2)
                let qs = (blk + 4).assumingMemoryBound(to: UInt8.self)
                let out = q + b * 32
                for e in 0..<32 {
                    let v = e < 16 ? qs[e] & 0x0F : qs[e - 16] >> 4
                    out[8 * (e & 3) + (e >> 2)] = Float(v)
                }
            }
        case .q8_0:
            for b in 0..<(w.cols / 32) {
                let blk = p + b * 34
                d[b] = DotKernels.half(blk, 0)
                m[b] = 0
                let qs = (blk + 2).assumingMemoryBound(to: Int8.self)
                let out = q + b * 32
                for e in 0..<32 { out[8 * (e & 3) + (e >> 2)] = Float(qs[e]) }
            }
        default:
            preconditionFailure("GGMLMatmul does not support \(w.type)")
        }
    }
}
