/// Where one tensor's data lies in a GGUF file, and its shape and format.
///
/// `shape` is in ggml order: `shape[0]` is the length of a row (the
/// contiguous dimension), `shape[1]` the number of rows, and so on.
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    public let type: GGMLType
    /// Absolute byte offset of the data in the file.
    public let offset: Int
    public let byteCount: Int

    public var elementCount: Int { shape.reduce(1, *) }
    /// Length of one row (the contiguous dimension).
    public var rowLength: Int { shape.first ?? 1 }
    /// Number of rows (all dimensions but the first, multiplied).
    public var rowCount: Int { shape.dropFirst().reduce(1, *) }
    /// Bytes taken by one row.
    public var rowBytes: Int { rowLength / type.blockSize * type.bytesPerBlock }
}
