#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GGUF

/// Builds a GGUF file (v3 by default, v2 on request) in memory or on disk:
/// metadata of every value type including nested arrays, and tensors given
/// as type, shape and raw bytes.
///
/// Tests and tiny synthetic models use it; `GGUFFile` reads its output.
/// Tensor data is laid out at multiples of the alignment (the
/// `general.alignment` value when set, else 32), in insertion order.
public struct GGUFWriter {
    /// GGUF version written to the header: 2 or 3 (same encoding).
    public var version: UInt32
    public private(set) var keys: [String] = []
    public private(set) var metadata: [String: GGUFValue] = [:]
    public private(set) var tensors: [Tensor] = []

    /// One tensor to write: its name, format, ggml-order shape and bytes.
    public struct Tensor: Sendable {
        public let name: String
        public let type: GGMLType
        public let shape: [Int]
        public let data: [UInt8]
    }

    public init(version: UInt32 = 3) {
        self.version = version
    }

    /// Sets metadata `key` (replacing an earlier value, keeping its position).
    public mutating func set(_ key: String, _ value: GGUFValue) {
        if metadata.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    /// The alignment tensor data will be written with.
    public var alignment: Int { metadata["general.alignment"]?.int ?? 32 }

    /// Adds a tensor whose `data` is already in `type`'s layout.
    public mutating func addTensor(_ name: String, type: GGMLType, shape: [Int], data: [UInt8]) throws {
        guard !tensors.contains(where: { $0.name == name }) else { throw GGUFWriterError.duplicateTensor(name) }
        guard (1...4).contains(shape.count), shape.allSatisfy({ $0 > 0 }) else {
            throw GGUFWriterError.badShape(name, shape)
        }
        let elements = shape.reduce(1, *)
        guard shape[0] % type.blockSize == 0, let bytes = type.byteCount(elements: elements) else {
            throw GGUFWriterError.badShape(name, shape)
        }
        guard data.count == bytes else { throw GGUFWriterError.wrongByteCount(name, expected: bytes, got: data.count) }
        tensors.append(Tensor(name: name, type: type, shape: shape, data: data))
    }

    /// Adds a tensor from f32 values, quantizing them to `type` with `Quantize`.
    public mutating func addTensor(_ name: String, type: GGMLType, shape: [Int], values: [Float]) throws {
        guard values.count == shape.reduce(1, *), type.byteCount(elements: values.count) != nil,
              type.canDequantize else {
            throw GGUFWriterError.badShape(name, shape)
        }
        try addTensor(name, type: type, shape: shape, data: Quantize.bytes(type, from: values))
    }

    /// The complete file image.
    public func bytes() throws -> [UInt8] {
        guard version == 2 || version == 3 else { throw GGUFWriterError.unsupportedVersion(version) }
        let align = alignment
        guard align > 0, align & (align - 1) == 0 else { throw GGUFWriterError.badAlignment(align) }
        var out = GGUFEncoder()
        out.u32(0x4655_4747)
        out.u32(version)
        out.u64(UInt64(tensors.count))
        out.u64(UInt64(keys.count))
        for key in keys {
            out.string(key)
            try out.value(metadata[key]!, key: key)
        }
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            offsets.append(offset)
            offset = (offset + t.data.count + align - 1) / align * align
        }
        for (t, off) in zip(tensors, offsets) {
            out.string(t.name)
            out.u32(UInt32(t.shape.count))
            for d in t.shape { out.u64(UInt64(d)) }
            out.u32(t.type.rawValue)
            out.u64(UInt64(off))
        }
        out.pad(to: align)
        for t in tensors {
            out.bytes.append(contentsOf: t.data)
            out.pad(to: align)
        }
        return out.bytes
    }

    /// Writes the file to `path` atomically: a temporary file in the same
    /// directory is written, fsynced and renamed over `path`.
    public func write(to path: String) throws {
        try AtomicFile.write(try bytes(), to: path)
    }
}

/// Why `GGUFWriter` refused to build a file.
public enum GGUFWriterError: Error, Equatable, CustomStringConvertible {
    case duplicateTensor(String)
    case badShape(String, [Int])
    case wrongByteCount(String, expected: Int, got: Int)
    case unsupportedVersion(UInt32)
    case badAlignment(Int)
    case mixedArray(key: String)

    public var description: String {
        switch self {
        case let .duplicateTensor(name): "tensor '\(name)' added twice"
        case let .badShape(name, shape): "tensor '\(name)': invalid shape \(shape) for its type"
        case let .wrongByteCount(name, expected, got): "tensor '\(name)': \(got) bytes of data, expected \(expected)"
        case let .unsupportedVersion(v): "cannot write GGUF version \(v) (only 2 and 3)"
        case let .badAlignment(a): "general.alignment \(a) is not a positive power of two"
        case let .mixedArray(key): "metadata '\(key)': array elements must all have the same type"
        }
    }
}
