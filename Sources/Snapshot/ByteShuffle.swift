/// Byte shuffling of 16-bit words: all low bytes first, then all high bytes.
///
/// The high byte of an f16 (sign, exponent, top mantissa bits) varies little
/// between neighbouring K/V values, so once the high bytes sit together zstd
/// finds far more redundancy than in interleaved halves.
enum ByteShuffle {
    /// Writes the low bytes of `count` words to `out[0..<count]` and their
    /// high bytes to `out[count..<2*count]`.
    static func shuffle(_ words: UnsafePointer<UInt16>, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        let hi = out + count
        for i in 0..<count {
            let w = words[i]
            out[i] = UInt8(truncatingIfNeeded: w)
            hi[i] = UInt8(truncatingIfNeeded: w >> 8)
        }
    }

    /// Rebuilds `count` words from a low-byte plane and a high-byte plane.
    static func unshuffle(low: UnsafePointer<UInt8>, high: UnsafePointer<UInt8>, count: Int,
                          into words: UnsafeMutablePointer<UInt16>) {
        var i = 0
        while i + 16 <= count {
            let l = SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(low + i).loadUnaligned(as: SIMD16<UInt8>.self))
            let h = SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(high + i).loadUnaligned(as: SIMD16<UInt8>.self))
            UnsafeMutableRawPointer(words + i).storeBytes(of: l | (h &<< 8), as: SIMD16<UInt16>.self)
            i += 16
        }
        while i < count {
            words[i] = UInt16(low[i]) | UInt16(high[i]) << 8
            i += 1
        }
    }
}
