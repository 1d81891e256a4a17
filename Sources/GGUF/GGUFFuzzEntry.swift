/// The GGUF reader as the fuzz target `gguf-header` (fuzz/, scripts/fuzz.sh)
/// drives it with arbitrary bytes, and as the regression tests replay the
/// inputs it saved: parse the image, then read what a model loader reads.
///
/// Each call returns or throws `GGUFError`; a trap is a bug. The bounds
/// checks below are stated outright because this module ships with
/// `-Ounchecked`, where an out-of-range read would pass silently.
enum GGUFFuzzEntry {
    /// Rows longer than this are not dequantized, to keep one input fast.
    static let maxRowLength = 1 << 16

    static func parse(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { image in
            let file = try GGUFFile(bytes: image, name: "fuzz.gguf")
            _ = file.headerFingerprint
            for key in file.metadataKeys {
                _ = (file.int(key), file.double(key), file.string(key))
                _ = try? file.strings(key)
                _ = try? file.numbers(key)
            }
            for info in file.tensorInfos { try read(info, in: file) }
        }
    }

    /// Checks that `info` lies inside the image and dequantizes its first and last rows.
    private static func read(_ info: GGUFTensorInfo, in file: GGUFFile) throws {
        guard info.offset >= file.dataOffset, info.byteCount >= 0, info.offset <= file.fileSize,
              info.byteCount <= file.fileSize - info.offset else {
            fatalError("tensor '\(info.name)' at \(info.offset)+\(info.byteCount) outside a \(file.fileSize)-byte file")
        }
        guard info.type.canDequantize, info.rowLength <= maxRowLength, info.rowCount > 0 else { return }
        let row = UnsafeMutablePointer<Float>.allocate(capacity: info.rowLength)
        defer { row.deallocate() }
        for index in Set([0, info.rowCount - 1]) {
            guard (index + 1) * info.rowBytes <= info.byteCount else {
                fatalError("row \(index) of '\(info.name)' ends past its \(info.byteCount) bytes")
            }
            try Dequantize.row(index, of: info, in: file, to: row)
        }
    }
}
