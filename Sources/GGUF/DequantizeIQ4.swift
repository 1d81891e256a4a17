/// IQ4_NL and IQ4_XS: 4-bit indices into 16 non-uniform levels, transcribed
/// from ggml's `dequantize_row_iq4_nl` / `dequantize_row_iq4_xs`.
///
/// IQ4_NL blocks are 32 elements: an f16 scale and 16 bytes of indices
/// (low nibbles are elements 0..<16, high nibbles 16..<32). IQ4_XS blocks are
/// 256 elements: an f16 scale, eight 6-bit sub-block scales (low 4 bits in
/// `scales_l[4]`, high 2 bits in `scales_h`, offset by 32), and 128 bytes of
/// indices laid out like eight IQ4_NL blocks.
extension Dequantize {
    /// ggml's `kvalues_iq4nl`.
    public static let iq4Levels: [Int8] = [-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113]

    static func iq4_nl(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        for i in 0..<blocks {
            let b = src + i * 18
            iq4Run(d: QuantBlock.half(b, 0), (b + 2).assumingMemoryBound(to: UInt8.self), y + i * 32)
        }
    }

    static func iq4_xs(_ src: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>, blocks: Int) {
        for i in 0..<blocks {
            let b = src + i * 136
            let d = QuantBlock.half(b, 0)
            let scalesHigh = Int(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
            let scalesLow = (b + 4).assumingMemoryBound(to: UInt8.self)
            let qs = (b + 8).assumingMemoryBound(to: UInt8.self)
            for ib in 0..<8 {
                iq4Run(d: d * Float(iq4XSScale(ib, low: scalesLow, high: scalesHigh) - 32), qs + ib * 16, y + i * 256 + ib * 32)
            }
        }
    }

    /// The 6-bit scale of sub-block `ib` of an IQ4_XS block (before the −32 offset).
    @inline(__always) public static func iq4XSScale(_ ib: Int, low: UnsafePointer<UInt8>, high: Int) -> Int {
        Int((low[ib / 2] >> UInt8(4 * (ib % 2))) & 0xF) | (((high >> (2 * ib)) & 3) << 4)
    }

    @inline(__always) private static func iq4Run(d: Float, _ q: UnsafePointer<UInt8>, _ y: UnsafeMutablePointer<Float>) {
        for j in 0..<16 {
            y[j] = d * Float(iq4Levels[Int(q[j] & 0xF)])
            y[j + 16] = d * Float(iq4Levels[Int(q[j] >> 4)])
        }
    }
}
