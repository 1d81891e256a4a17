import GGUF
/// ggml's `quantize_row_q{4,5,8}_{0,1}_ref` for one 32-element block.
extension Quantize {
    /// The element of largest magnitude (sign kept) and that magnitude.
    @inline(__always)
    static func signedAbsMax(_ x: UnsafePointer<Float>, _ n: Int) -> (max: Float, amax: Float) {
        var amax: Float = 0, max: Float = 0
        for j in 0..<n where amax < abs(x[j]) {
            amax = abs(x[j])
            max = x[j]
        }
        return (max, amax)
    }

    @inline(__always)
    static func minMax(_ x: UnsafePointer<Float>, _ n: Int) -> (min: Float, max: Float) {
        var lo = Float.greatestFiniteMagnitude, hi = -Float.greatestFiniteMagnitude
        for j in 0..<n {
            lo = min(lo, x[j])
            hi = max(hi, x[j])
        }
        return (lo, hi)
    }

    static func q4_0(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q4_0
        let d = signedAbsMax(x, 32).max / -8
        let id: Float = d != 0 ? 1 / d : 0
        QuantBlock.storeHalf(d, y, L.d)
        for j in 0..<16 {
            let lo = clampTrunc(x[j] * id + 8.5, 15), hi = clampTrunc(x[j + 16] * id + 8.5, 15)
            y.storeBytes(of: lo | (hi << 4), toByteOffset: L.qs + j, as: UInt8.self)
        }
    }

    static func q4_1(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q4_1
        let (lo, hi) = minMax(x, 32)
        let d = (hi - lo) / 15
        let id: Float = d != 0 ? 1 / d : 0
        QuantBlock.storeHalf(d, y, L.d)
        QuantBlock.storeHalf(lo, y, L.m)
        for j in 0..<16 {
            let a = clampTrunc((x[j] - lo) * id + 0.5, 15), b = clampTrunc((x[j + 16] - lo) * id + 0.5, 15)
            y.storeBytes(of: a | (b << 4), toByteOffset: L.qs + j, as: UInt8.self)
        }
    }

    static func q5_0(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q5_0
        let d = signedAbsMax(x, 32).max / -16
        let id: Float = d != 0 ? 1 / d : 0
        QuantBlock.storeHalf(d, y, L.d)
        var qh: UInt32 = 0
        for j in 0..<16 {
            let a = clampTrunc(x[j] * id + 16.5, 31), b = clampTrunc(x[j + 16] * id + 16.5, 31)
            y.storeBytes(of: (a & 0xF) | ((b & 0xF) << 4), toByteOffset: L.qs + j, as: UInt8.self)
            qh |= UInt32(a >> 4) << UInt32(j) | UInt32(b >> 4) << UInt32(j + 16)
        }
        y.storeBytes(of: qh.littleEndian, toByteOffset: L.qh, as: UInt32.self)
    }

    static func q5_1(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q5_1
        let (lo, hi) = minMax(x, 32)
        let d = (hi - lo) / 31
        let id: Float = d != 0 ? 1 / d : 0
        QuantBlock.storeHalf(d, y, L.d)
        QuantBlock.storeHalf(lo, y, L.m)
        var qh: UInt32 = 0
        for j in 0..<16 {
            let a = clampTrunc((x[j] - lo) * id + 0.5, 31), b = clampTrunc((x[j + 16] - lo) * id + 0.5, 31)
            y.storeBytes(of: (a & 0xF) | ((b & 0xF) << 4), toByteOffset: L.qs + j, as: UInt8.self)
            qh |= UInt32(a >> 4) << UInt32(j) | UInt32(b >> 4) << UInt32(j + 16)
        }
        y.storeBytes(of: qh.littleEndian, toByteOffset: L.qh, as: UInt32.self)
    }

    static func q8_0(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        typealias L = QuantBlock.Q8_0
        let d = signedAbsMax(x, 32).amax / 127
        let id: Float = d != 0 ? 1 / d : 0
        QuantBlock.storeHalf(d, y, L.d)
        for j in 0..<32 {
            let q = Int8(nearest(x[j] * id, -127, 127))
            y.storeBytes(of: q, toByteOffset: L.qs + j, as: Int8.self)
        }
    }
}
