import GGUF
/// Little-endian byte sink for `GGUFWriter`, with GGUF's value encoding.
struct GGUFEncoder {
    var bytes: [UInt8] = []

    mutating func int<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u32(_ v: UInt32) { int(v) }
    mutating func u64(_ v: UInt64) { int(v) }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u64(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func pad(to alignment: Int) {
        let n = (alignment - bytes.count % alignment) % alignment
        bytes.append(contentsOf: repeatElement(0, count: n))
    }

    /// GGUF's type code of a value (`gguf_type`).
    static func typeCode(_ v: GGUFValue) -> UInt32 {
        switch v {
        case .uint8: 0
        case .int8: 1
        case .uint16: 2
        case .int16: 3
        case .uint32: 4
        case .int32: 5
        case .float32: 6
        case .bool: 7
        case .string: 8
        case .array: 9
        case .uint64: 10
        case .int64: 11
        case .float64: 12
        }
    }

    /// Writes the type code and payload of `v`.
    mutating func value(_ v: GGUFValue, key: String) throws {
        u32(Self.typeCode(v))
        try payload(v, key: key)
    }

    /// Writes the payload alone. Arrays are homogeneous: element type, count,
    /// then each element's payload; an empty array is written as u8.
    mutating func payload(_ v: GGUFValue, key: String) throws {
        switch v {
        case let .uint8(x): int(x)
        case let .int8(x): int(x)
        case let .uint16(x): int(x)
        case let .int16(x): int(x)
        case let .uint32(x): int(x)
        case let .int32(x): int(x)
        case let .uint64(x): int(x)
        case let .int64(x): int(x)
        case let .float32(x): int(x.bitPattern)
        case let .float64(x): int(x.bitPattern)
        case let .bool(x): int(UInt8(x ? 1 : 0))
        case let .string(s): string(s)
        case let .array(items):
            let code = items.first.map(Self.typeCode) ?? 0
            guard items.allSatisfy({ Self.typeCode($0) == code }) else { throw GGUFWriterError.mixedArray(key: key) }
            u32(code)
            u64(UInt64(items.count))
            for item in items { try payload(item, key: key) }
        }
    }
}
