import Foundation

/// ggml's CPU flash attention (`ggml_compute_forward_flash_attn_ext_f16`),
/// reproduced for llama.cpp's default setup (f16 cache, causal mask,
/// 2 threads):
///
/// - chunks of ≥ 64 queries take the tiled path: f32 queries, 64-key tiles,
///   scores and V products as sequential fma chains, `ggml_v_expf`
///   probabilities summed in double per tile;
/// - shorter chunks take the one-row path: f16 queries, f16 dot products,
///   `expf` weights and an f16 accumulator rounded after every key;
/// - a single token over ≥ 512 cache cells (the cache view is padded to a
///   multiple of 256) splits the keys in two halves, merged in f32.
struct LlamaCppAttention {
    static let queryTile = 64
    static let keyTile = 64
    /// Threads llama.cpp ran with when the reference outputs were made.
    static let referenceThreads = 2

    let group: Int
    let headDim: Int
    let qDim: Int
    let kvHeads: Int
    let scale: Float

    init(config: ModelConfig) {
        group = config.groupSize
        headDim = config.headDim
        qDim = config.qDim
        kvHeads = config.kvHeadCount
        scale = 1 / Float(config.headDim).squareRoot()
    }

    /// Attention of `count` new tokens (the first at position `start`) over
    /// the cache of layer `l`; writes `[count][qDim]` into `out`.
    func run(layer l: Int, count: Int, start: Int, query: UnsafePointer<Float>, cache: HybridKVCache,
             out: UnsafeMutablePointer<Float>, pool: WorkerPool) {
        let rows = kvHeads * group * count, d = headDim
        // The tiled path reads keys transposed per 64-key tile and values as f32.
        let cells = (start + count + Self.keyTile - 1) / Self.keyTile * Self.keyTile
        let tiled = count >= Self.queryTile
        let keysT = UnsafeMutablePointer<Float>.allocate(capacity: tiled ? kvHeads * cells * d : 0)
        let valuesF = UnsafeMutablePointer<Float>.allocate(capacity: tiled ? kvHeads * cells * d : 0)
        defer { keysT.deallocate(); valuesF.deallocate() }
        if tiled {
            for g in 0..<kvHeads {
                let keys = cache.keys(layer: l, head: g), values = cache.values(layer: l, head: g)
                let kt = keysT + g * cells * d, vf = valuesF + g * cells * d
                kt.update(repeating: 0, count: cells * d)
                for k in 0..<(start + count) {
                    let tile = kt + (k / Self.keyTile) * Self.keyTile * d, kk = k % Self.keyTile
                    for i in 0..<d { tile[i * Self.keyTile + kk] = Float(keys[k * d + i]) }
                    for i in 0..<d { vf[k * d + i] = Float(values[k * d + i]) }
                }
            }
        }
        pool.parallelFor(rows, granularity: 1) { range in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Self.keyTile + d)
            defer { scratch.deallocate() }
            for row in range {
                let head = row / count, t = row % count, g = head / group
                let q = query + t * qDim + head * d, o = out + t * qDim + head * d
                let position = start + t
                if tiled {
                    tiledRow(q, keysT + g * cells * d, valuesF + g * cells * d, visible: position + 1, o, scratch)
                    continue
                }
                let keys = cache.keys(layer: l, head: g), values = cache.values(layer: l, head: g)
                if count == 1, paddedCells(position + 1) >= 512 {
                    splitRow(q, keys, values, visible: position + 1, cells: paddedCells(position + 1), o)
                } else {
                    var m: Float = 0, s: Float = 0
                    oneChunk(q, keys, values, 0..<(position + 1), o, &m, &s)
                    let inverse: Float = s == 0 ? 0 : 1 / s
                    for i in 0..<d { o[i] *= inverse }
                }
            }
        }
    }

    /// llama.cpp's KV view length: used cells padded to a multiple of 256.
    private func paddedCells(_ used: Int) -> Int { max(256, (used + 255) / 256 * 256) }

    /// The tiled path for one query row; `keysT` holds 64-key tiles
    /// transposed (`[tile][dim][64]`), `valuesF` `[key][dim]` f32.
    private func tiledRow(_ q: UnsafePointer<Float>, _ keysT: UnsafePointer<Float>, _ valuesF: UnsafePointer<Float>,
                          visible: Int, _ out: UnsafeMutablePointer<Float>, _ scratch: UnsafeMutablePointer<Float>) {
        let d = headDim, tile = Self.keyTile
        let scores = scratch, acc = scratch + tile
        var m = -Float.infinity, s: Float = 0
        for i in 0..<d { acc[i] = 0 }
        var k0 = 0
        while k0 < visible {
            let n = min(tile, visible - k0)
            let kt = keysT + k0 * d
            var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
            var c4 = SIMD8<Float>(), c5 = SIMD8<Float>(), c6 = SIMD8<Float>(), c7 = SIMD8<Float>()
            for i in 0..<d {
                let qi = SIMD8<Float>(repeating: q[i]), r = kt + i * tile
                c0 = c0.addingProduct(GGMLMath.load8(r), qi); c1 = c1.addingProduct(GGMLMath.load8(r + 8), qi)
                c2 = c2.addingProduct(GGMLMath.load8(r + 16), qi); c3 = c3.addingProduct(GGMLMath.load8(r + 24), qi)
                c4 = c4.addingProduct(GGMLMath.load8(r + 32), qi); c5 = c5.addingProduct(GGMLMath.load8(r + 40), qi)
                c6 = c6.addingProduct(GGMLMath.load8(r + 48), qi); c7 = c7.addingProduct(GGMLMath.load8(r + 56), qi)
            }
            let sv = SIMD8<Float>(repeating: scale)
            GGMLMath.store8(c0 * sv, scores); GGMLMath.store8(c1 * sv, scores + 8)
            GGMLMath.store8(c2 * sv, scores + 16); GGMLMath.store8(c3 * sv, scores + 24)
            GGMLMath.store8(c4 * sv, scores + 32); GGMLMath.store8(c5 * sv, scores + 40)
            GGMLMath.store8(c6 * sv, scores + 48); GGMLMath.store8(c7 * sv, scores + 56)
            for kk in n..<tile { scores[kk] = -.infinity }
            var tileMax = -Float.infinity
            for kk in 0..<tile where scores[kk] > tileMax { tileMax = scores[kk] }
            let newMax = max(m, tileMax)
            if newMax > m {
                let ms = expf(m - newMax)
                for i in 0..<d { acc[i] *= ms }
                s *= ms
            }
            m = newMax
            var sum: Double = 0
            var j = 0
            while j < tile {
                let e = GGMLMath.expf8(GGMLMath.load8(scores + j) - SIMD8(repeating: newMax))
                GGMLMath.store8(e, scores + j)
                sum += Double(GGMLMath.hsum(e))
                j += 8
            }
            s = Float(Double(s) + sum)
            var a0 = GGMLMath.load8(acc), a1 = GGMLMath.load8(acc + 8), a2 = GGMLMath.load8(acc + 16)
            var a3 = GGMLMath.load8(acc + 24), a4 = GGMLMath.load8(acc + 32), a5 = GGMLMath.load8(acc + 40)
            var a6 = GGMLMath.load8(acc + 48), a7 = GGMLMath.load8(acc + 56)
            for kk in 0..<n {
                let p = SIMD8<Float>(repeating: scores[kk]), v = valuesF + (k0 + kk) * d
                a0 = a0.addingProduct(GGMLMath.load8(v), p); a1 = a1.addingProduct(GGMLMath.load8(v + 8), p)
                a2 = a2.addingProduct(GGMLMath.load8(v + 16), p); a3 = a3.addingProduct(GGMLMath.load8(v + 24), p)
                a4 = a4.addingProduct(GGMLMath.load8(v + 32), p); a5 = a5.addingProduct(GGMLMath.load8(v + 40), p)
                a6 = a6.addingProduct(GGMLMath.load8(v + 48), p); a7 = a7.addingProduct(GGMLMath.load8(v + 56), p)
            }
            GGMLMath.store8(a0, acc); GGMLMath.store8(a1, acc + 8); GGMLMath.store8(a2, acc + 16)
            GGMLMath.store8(a3, acc + 24); GGMLMath.store8(a4, acc + 32); GGMLMath.store8(a5, acc + 40)
            GGMLMath.store8(a6, acc + 48); GGMLMath.store8(a7, acc + 56)
            k0 += tile
        }
        let inverse: Float = s == 0 ? 0 : 1 / s
        for i in 0..<d { out[i] = acc[i] * inverse }
    }

    /// The one-row path over keys `range`: leaves the un-normalized f16
    /// accumulator (as f32) in `out` and the running max and sum in `m`, `s`.
    private func oneChunk(_ q: UnsafePointer<Float>, _ keys: UnsafePointer<Float16>, _ values: UnsafePointer<Float16>,
                          _ range: Range<Int>, _ out: UnsafeMutablePointer<Float>, _ m: inout Float, _ s: inout Float) {
        let d = headDim
        var qh = [Float](repeating: 0, count: d)
        for i in 0..<d { qh[i] = Float(Float16(q[i])) }
        var acc = [Float](repeating: 0, count: d)  // values held on the f16 grid
        var big = -Float.infinity, sum: Float = 0
        qh.withUnsafeBufferPointer { qp in
            acc.withUnsafeMutableBufferPointer { ap in
                let a = ap.baseAddress!
                for k in range {
                    let score = dotF16(keys + k * d, qp.baseAddress!, d) * scale
                    var ms: Float = 1, vs: Float = 1
                    if score > big {
                        let old = big
                        big = score
                        ms = expf(old - big)
                        for i in 0..<d { a[i] = Float(Float16(a[i] * ms)) }
                    } else {
                        vs = expf(score - big)
                    }
                    let v = values + k * d
                    for i in 0..<d { a[i] = Float(Float16(a[i].addingProduct(Float(v[i]), vs))) }
                    sum = vs.addingProduct(sum, ms)
                }
                out.update(from: a, count: d)
            }
        }
        m = big
        s = sum
    }

    /// `ggml_vec_dot_f16` for 64-wide heads: four 8-lane accumulators over
    /// two 32-element steps, reduced pairwise.
    @inline(__always) private func dotF16(_ k: UnsafePointer<Float16>, _ q: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        var i = 0
        while i + 32 <= n {
            s0 = s0.addingProduct(widen8(k + i), GGMLMath.load8(q + i))
            s1 = s1.addingProduct(widen8(k + i + 8), GGMLMath.load8(q + i + 8))
            s2 = s2.addingProduct(widen8(k + i + 16), GGMLMath.load8(q + i + 16))
            s3 = s3.addingProduct(widen8(k + i + 24), GGMLMath.load8(q + i + 24))
            i += 32
        }
        let total = (s0 + s2) + (s1 + s3)
        var result = Double(GGMLMath.haddSum(total))
        while i < n { result += Double(Float(k[i]) * q[i]); i += 1 }
        return Float(result)
    }

    /// A single token over ≥ 512 cells: two key halves, merged like
    /// `ggml_flash_attn_ext_reduce_partials`.
    private func splitRow(_ q: UnsafePointer<Float>, _ keys: UnsafePointer<Float16>, _ values: UnsafePointer<Float16>,
                          visible: Int, cells: Int, _ out: UnsafeMutablePointer<Float>) {
        let d = headDim, chunk = (cells + Self.referenceThreads - 1) / Self.referenceThreads
        var part = [Float](repeating: 0, count: d)
        var finalMax = -Float.infinity, finalSum: Float = 0
        for i in 0..<d { out[i] = 0 }
        for c in 0..<Self.referenceThreads {
            let lo = c * chunk, hi = min(lo + chunk, visible)
            guard lo < hi else { continue }
            var m: Float = 0, s: Float = 0
            part.withUnsafeMutableBufferPointer { oneChunk(q, keys, values, lo..<hi, $0.baseAddress!, &m, &s) }
            if s == 0 { continue }
            let newMax = max(finalMax, m)
            let scaleOld = expf(finalMax - newMax), scaleNew = expf(m - newMax)
            for i in 0..<d { out[i] = (part[i] * scaleNew).addingProduct(out[i], scaleOld) }
            finalSum = (s * scaleNew).addingProduct(finalSum, scaleOld)
            finalMax = newMax
        }
        if finalSum != 0 {
            let inverse = 1 / finalSum
            for i in 0..<d { out[i] *= inverse }
        }
    }

    @inline(__always) private func widen8(_ h: UnsafePointer<Float16>) -> SIMD8<Float> {
        let v = UnsafeRawPointer(h).loadUnaligned(as: SIMD8<Float16>.self)
        var r = SIMD8<Float>()
        for l in 0..<8 { r[l] = Float(v[l]) }
        return r
    }
}
