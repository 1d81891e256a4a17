/// Turns quantized GGUF rows into f32.
public enum Dequantize {
    /// Dequantizes `count` elements (a whole number of blocks of `type`)
    /// starting at `src` into `dst`.
    public static func row(_ type: GGMLType, from src: UnsafeRawPointer, to dst: UnsafeMutablePointer<Float>,
                           count: Int) {
        switch type {
        case .f32:
            dst.update(from: src.assumingMemoryBound(to: Float.self), count: count)
        case .f16:
            let h = src.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { dst[i] = Float(Float16(bitPattern: UInt16(littleEndian: h[i]))) }
        default:
            preconditionFailure("dequantization of \(type) not implemented")
        }
    }
}
