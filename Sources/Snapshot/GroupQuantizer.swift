/// KIVI-style asymmetric group quantization of f16 K/V rows (Liu et al.,
/// 2024, arXiv 2402.02750): keys per channel over groups of tokens, values
/// per token over groups of channels, each group with an f16 scale and an
/// f16 minimum ("zero").
///
/// The stored scale and minimum are rounded so that every value of the group
/// lies in `[zero, zero + levels·scale]`; each value is then within
/// `scale / 2` of its code's reconstruction before the final f16 rounding.
enum GroupQuantizer {
    /// f16 scale and minimum for a group spanning `[low, high]` with codes `0...levels`.
    @inline(__always)
    static func parameters(low: Float, high: Float, levels: Float) -> (scale: Float16, zero: Float16) {
        guard low.isFinite, high.isFinite, high >= low else { return (0, 0) }
        var zero = Float16(low)
        if Float(zero) > low { zero = zero.nextDown }
        var scale = Float16((high - Float(zero)) / levels)
        while scale.isFinite && Float(zero) + levels * Float(scale) < high { scale = scale.nextUp }
        return (scale, zero)
    }

    @inline(__always)
    static func code(_ x: Float, zero: Float, inverse: Float, levels: Float) -> UInt8 {
        var q = ((x - zero) * inverse).rounded()
        if !(q >= 0) { q = 0 }
        if q > levels { q = levels }
        return UInt8(q)
    }

    /// Quantizes keys `[count][d]` per channel over groups of `groupTokens`
    /// tokens. For group `g` (tokens `t0..<t1`, `n = t1 − t0`) channel `c`'s
    /// parameters go to `scales/zeros[g·d + c]` and its codes, one byte each,
    /// to `codes[t0·d + c·n + (t − t0)]` (channel-major within the group).
    static func quantizeKeys(_ rows: UnsafePointer<Float16>, count: Int, d: Int, groupTokens: Int, levels: Int,
                             scales: UnsafeMutablePointer<Float16>, zeros: UnsafeMutablePointer<Float16>,
                             codes: UnsafeMutablePointer<UInt8>) {
        let lv = Float(levels)
        var low = [Float](repeating: 0, count: d), high = [Float](repeating: 0, count: d)
        var t0 = 0, g = 0
        while t0 < count {
            let t1 = min(count, t0 + groupTokens), n = t1 - t0
            for c in 0..<d { low[c] = .infinity; high[c] = -.infinity }
            for t in t0..<t1 {
                for c in 0..<d {
                    let x = Float(rows[t * d + c])
                    low[c] = min(low[c], x); high[c] = max(high[c], x)
                }
            }
            for c in 0..<d {
                let (s, z) = parameters(low: low[c], high: high[c], levels: lv)
                scales[g * d + c] = s; zeros[g * d + c] = z
                let inv: Float = s > 0 ? 1 / Float(s) : 0, zf = Float(z)
                let out = codes + t0 * d + c * n
                for t in t0..<t1 { out[t - t0] = code(Float(rows[t * d + c]), zero: zf, inverse: inv, levels: lv) }
            }
            t0 = t1; g += 1
        }
    }

    /// Inverse of `quantizeKeys`, writing f16 rows `[count][d]`.
    static func dequantizeKeys(codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float16>, zeros: UnsafePointer<Float16>,
                               count: Int, d: Int, groupTokens: Int, into rows: UnsafeMutablePointer<Float16>) {
        var t0 = 0, g = 0
        while t0 < count {
            let t1 = min(count, t0 + groupTokens), n = t1 - t0
            for c in 0..<d {
                let s = Float(scales[g * d + c]), z = Float(zeros[g * d + c])
                let src = codes + t0 * d + c * n
                for i in 0..<n { rows[(t0 + i) * d + c] = Float16(z + Float(src[i]) * s) }
            }
            t0 = t1; g += 1
        }
    }

    /// Quantizes values `[count][d]` per token over groups of `groupChannels`
    /// channels: parameters at `[t·groupsPerRow + j]`, codes at `t·d + c`.
    static func quantizeValues(_ rows: UnsafePointer<Float16>, count: Int, d: Int, groupChannels: Int, levels: Int,
                               scales: UnsafeMutablePointer<Float16>, zeros: UnsafeMutablePointer<Float16>,
                               codes: UnsafeMutablePointer<UInt8>) {
        let lv = Float(levels), perRow = (d + groupChannels - 1) / groupChannels
        for t in 0..<count {
            for j in 0..<perRow {
                let c0 = j * groupChannels, c1 = min(d, c0 + groupChannels)
                var low = Float.infinity, high = -Float.infinity
                for c in c0..<c1 { let x = Float(rows[t * d + c]); low = min(low, x); high = max(high, x) }
                let (s, z) = parameters(low: low, high: high, levels: lv)
                scales[t * perRow + j] = s; zeros[t * perRow + j] = z
                let inv: Float = s > 0 ? 1 / Float(s) : 0, zf = Float(z)
                for c in c0..<c1 { codes[t * d + c] = code(Float(rows[t * d + c]), zero: zf, inverse: inv, levels: lv) }
            }
        }
    }

    /// Inverse of `quantizeValues`.
    static func dequantizeValues(codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float16>, zeros: UnsafePointer<Float16>,
                                 count: Int, d: Int, groupChannels: Int, into rows: UnsafeMutablePointer<Float16>) {
        let perRow = (d + groupChannels - 1) / groupChannels
        for t in 0..<count {
            for j in 0..<perRow {
                let c0 = j * groupChannels, c1 = min(d, c0 + groupChannels)
                let s = Float(scales[t * perRow + j]), z = Float(zeros[t * perRow + j])
                for c in c0..<c1 { rows[t * d + c] = Float16(z + Float(codes[t * d + c]) * s) }
            }
        }
    }

    /// Packs `count` codes of `bits` (8, 4 or 2) bits each into bytes, the
    /// first code in the lowest bits (a last partial byte is zero-filled).
    static func pack(_ codes: UnsafePointer<UInt8>, count: Int, bits: Int, into out: UnsafeMutablePointer<UInt8>) {
        let perByte = 8 / bits, mask = UInt8(truncatingIfNeeded: (1 << bits) - 1)
        guard perByte > 1 else { return out.update(from: codes, count: count) }
        for i in 0..<((count + perByte - 1) / perByte) {
            var b: UInt8 = 0
            for j in 0..<perByte where perByte * i + j < count { b |= (codes[perByte * i + j] & mask) << (bits * j) }
            out[i] = b
        }
    }

    /// Inverse of `pack`.
    static func unpack(_ packed: UnsafePointer<UInt8>, count: Int, bits: Int, into codes: UnsafeMutablePointer<UInt8>) {
        let perByte = 8 / bits, mask = UInt8(truncatingIfNeeded: (1 << bits) - 1)
        guard perByte > 1 else { return codes.update(from: packed, count: count) }
        for i in 0..<count { codes[i] = (packed[i / perByte] >> (bits * (i % perByte))) & mask }
    }
}
