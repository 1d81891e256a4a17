/// One metadata value of a GGUF file, including nested arrays.
public indirect enum GGUFValue: Sendable, Equatable, CustomStringConvertible {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16)
    case uint32(UInt32), int32(Int32), uint64(UInt64), int64(Int64)
    case float32(Float), float64(Double), bool(Bool), string(String)
    case array([GGUFValue])

    /// The value as an integer when it is any integer type.
    public var int: Int? {
        switch self {
        case let .uint8(v): Int(v)
        case let .int8(v): Int(v)
        case let .uint16(v): Int(v)
        case let .int16(v): Int(v)
        case let .uint32(v): Int(v)
        case let .int32(v): Int(v)
        case let .uint64(v): v <= UInt64(Int.max) ? Int(v) : nil
        case let .int64(v): Int(v)
        case let .bool(v): v ? 1 : 0
        default: nil
        }
    }

    /// The value as a floating-point number when it is numeric.
    public var double: Double? {
        switch self {
        case let .float32(v): Double(v)
        case let .float64(v): v
        default: int.map(Double.init)
        }
    }

    public var string: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var array: [GGUFValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var description: String {
        switch self {
        case let .string(s): return s.count > 60 ? "\"\(s.prefix(60))…\"" : "\"\(s)\""
        case let .array(a): return "[\(a.count) items]"
        case let .bool(b): return String(b)
        case let .float32(f): return String(f)
        case let .float64(f): return String(f)
        default: return int.map(String.init) ?? "?"
        }
    }
}
