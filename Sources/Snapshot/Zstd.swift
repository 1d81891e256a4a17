import CZstd

/// Why a zstd operation failed.
public enum ZstdError: Error, CustomStringConvertible, Equatable {
    case compressionFailed(String)
    case corruptFrame(String)

    public var description: String {
        switch self {
        case let .compressionFailed(m): return "zstd compression failed: \(m)"
        case let .corruptFrame(m): return "zstd data is corrupt: \(m)"
        }
    }
}

/// One-shot zstd compression of byte buffers, the compressor under every
/// snapshot codec.
public enum Zstd {
    /// Compresses `input` at `level` (1…19; 3 is zstd's default) into one
    /// frame carrying a content checksum, so corruption is detected on load.
    public static func compress(_ input: [UInt8], level: Int32 = 3) throws -> [UInt8] {
        try input.withUnsafeBytes { try compress($0, level: level) }
    }

    /// Decompresses a frame that must expand to exactly `expectedSize` bytes.
    public static func decompress(_ input: [UInt8], expectedSize: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: expectedSize)
        let read = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                ZSTD_decompress(dst.baseAddress, expectedSize, src.baseAddress, input.count)
            }
        }
        if ZSTD_isError(read) != 0 { throw ZstdError.corruptFrame(String(cString: ZSTD_getErrorName(read))) }
        guard read == expectedSize else { throw ZstdError.corruptFrame("expanded to \(read) bytes, expected \(expectedSize)") }
        return out
    }

    /// Compresses the bytes at `input` (as `compress(_:level:)`), without copying them first.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int32 = 3) throws -> [UInt8] {
        guard let context = ZSTD_createCCtx() else { throw ZstdError.compressionFailed("out of memory") }
        defer { ZSTD_freeCCtx(context) }
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        let bound = ZSTD_compressBound(input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { dst in
            ZSTD_compress2(context, dst.baseAddress, bound, input.baseAddress, input.count)
        }
        if ZSTD_isError(written) != 0 { throw ZstdError.compressionFailed(String(cString: ZSTD_getErrorName(written))) }
        out.removeSubrange(written...)
        return out
    }

    /// Decompresses one frame at `input` into `output`, which it must fill exactly.
    public static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let read = ZSTD_decompress(output.baseAddress, output.count, input.baseAddress, input.count)
        if ZSTD_isError(read) != 0 { throw ZstdError.corruptFrame(String(cString: ZSTD_getErrorName(read))) }
        guard read == output.count else { throw ZstdError.corruptFrame("expanded to \(read) bytes, expected \(output.count)") }
    }
}
