import GGUF
/// IQ4_NL and IQ4_XS quantization for tests and synthetic models: each
/// 32-element run gets the signed scale that maps its largest magnitude to
/// the level −127, and each value the nearest level (ggml's reference also
/// searches nearby scales; this simpler rule reads back with bounded error).
extension Quantize {
    static func iq4_nl(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        let d = runScale(x)
        QuantBlock.storeHalf(d, y, 0)
        iq4Indices(x, d: QuantBlock.half(UnsafeRawPointer(y), 0), into: (y + 2).assumingMemoryBound(to: UInt8.self))
    }

    static func iq4_xs(_ x: UnsafePointer<Float>, _ y: UnsafeMutableRawPointer) {
        let runs = (0..<8).map { runScale(x + $0 * 32) }
        let largest = runs.max { abs($0) < abs($1) } ?? 0
        let d = largest == 0 ? 0 : largest / -32  // the largest run scale gets ls − 32 = −32
        QuantBlock.storeHalf(d, y, 0)
        let dStored = QuantBlock.half(UnsafeRawPointer(y), 0)
        var high = 0
        let low = (y + 4).assumingMemoryBound(to: UInt8.self)
        for i in 0..<4 { low[i] = 0 }
        for ib in 0..<8 {
            let ls = dStored == 0 ? 32 : Int(nearest(runs[ib] / dStored, -32, 31)) + 32
            low[ib / 2] |= UInt8(ls & 0xF) << UInt8(4 * (ib % 2))
            high |= (ls >> 4) << (2 * ib)
            iq4Indices(x + ib * 32, d: dStored * Float(ls - 32), into: (y + 8 + ib * 16).assumingMemoryBound(to: UInt8.self))
        }
        y.storeBytes(of: UInt16(high).littleEndian, toByteOffset: 2, as: UInt16.self)
    }

    /// The scale whose −127 level is the run's value of largest magnitude.
    private static func runScale(_ x: UnsafePointer<Float>) -> Float {
        var m: Float = 0
        for i in 0..<32 where abs(x[i]) > abs(m) { m = x[i] }
        return m / -127
    }

    private static func iq4Indices(_ x: UnsafePointer<Float>, d: Float, into q: UnsafeMutablePointer<UInt8>) {
        func index(_ v: Float) -> UInt8 {
            guard d != 0 else { return 8 }
            let t = v / d
            var best = 0
            for k in 1..<16 where abs(Float(Dequantize.iq4Levels[k]) - t) < abs(Float(Dequantize.iq4Levels[best]) - t) { best = k }
            return UInt8(best)
        }
        for j in 0..<16 { q[j] = index(x[j]) | (index(x[j + 16]) << 4) }
    }
}
