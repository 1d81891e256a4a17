/// Turns GGUF tensor rows of any supported `GGMLType` into f32.
///
/// Results are exactly those of ggml's reference `dequantize_row_*`
/// functions (same operation order, no fused multiply-add), so weights match
/// what llama.cpp would compute from the same file.
public enum Dequantize {
    /// Dequantizes `count` elements (a whole number of blocks of `type`)
    /// starting at `src` into `dst`.
    ///
    /// `src` needs no particular alignment. `type.canDequantize` must be
    /// true; other types are a programming error. Checks use `fatalError`,
    /// not `precondition`, because this module is built with `-Ounchecked`.
    public static func row(_ type: GGMLType, from src: UnsafeRawPointer, to dst: UnsafeMutablePointer<Float>,
                           count: Int) {
        guard count % type.blockSize == 0 else {
            fatalError("\(count) elements is not a whole number of \(type) blocks")
        }
        let blocks = count / type.blockSize
        switch type {
        case .f32: f32(src, dst, count: count)
        case .f16: f16(src, dst, count: count)
        case .bf16: bf16(src, dst, count: count)
        case .q4_0: q4_0(src, dst, blocks: blocks)
        case .q4_1: q4_1(src, dst, blocks: blocks)
        case .q5_0: q5_0(src, dst, blocks: blocks)
        case .q5_1: q5_1(src, dst, blocks: blocks)
        case .q8_0: q8_0(src, dst, blocks: blocks)
        case .q2_K: q2_K(src, dst, blocks: blocks)
        case .q3_K: q3_K(src, dst, blocks: blocks)
        case .q4_K: q4_K(src, dst, blocks: blocks)
        case .q5_K: q5_K(src, dst, blocks: blocks)
        case .q6_K: q6_K(src, dst, blocks: blocks)
        case .q8_K: q8_K(src, dst, blocks: blocks)
        case .iq4_nl: iq4_nl(src, dst, blocks: blocks)
        case .iq4_xs: iq4_xs(src, dst, blocks: blocks)
        default: fatalError("dequantization of \(type) not implemented")
        }
    }

    /// Dequantizes row `index` of `info` (read from `file`) into `dst`, which
    /// must hold `info.rowLength` floats.
    public static func row(_ index: Int, of info: GGUFTensorInfo, in file: GGUFFile,
                           to dst: UnsafeMutablePointer<Float>) throws {
        guard info.type.canDequantize else { throw GGUFError.unsupportedType(tensor: info.name, type: info.type) }
        guard index >= 0 && index < info.rowCount else { fatalError("row \(index) outside tensor '\(info.name)'") }
        let data = file.data(of: info)
        row(info.type, from: data.baseAddress! + index * info.rowBytes, to: dst, count: info.rowLength)
    }
}
