/// Everything that can go wrong reading a GGUF file; each case names where.
public enum GGUFError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case badMagic(path: String, found: UInt32)
    case unsupportedVersion(path: String, version: UInt32)
    case truncated(path: String, offset: Int, needed: Int, what: String)
    case badValueType(path: String, offset: Int, key: String, type: UInt32)
    case tooLarge(path: String, offset: Int, what: String, value: UInt64)
    case unknownTensorType(path: String, tensor: String, type: UInt32)
    case badTensorShape(path: String, tensor: String, reason: String)
    case tensorOutOfBounds(path: String, tensor: String, start: Int, end: Int, fileSize: Int)
    case duplicateKey(path: String, key: String)
    case missingTensor(name: String)
    case missingKey(key: String)
    case wrongKeyType(key: String, expected: String)
    case unsupportedType(tensor: String, type: GGMLType)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open: \(reason)"
        case let .badMagic(path, found):
            return "\(path): not a GGUF file (magic 0x\(String(found, radix: 16)), expected 0x46554747 \"GGUF\")"
        case let .unsupportedVersion(path, version):
            return "\(path): unsupported GGUF version \(version) (supported: 2, 3)"
        case let .truncated(path, offset, needed, what):
            return "\(path): truncated at byte \(offset) reading \(what) (needs \(needed) more bytes)"
        case let .badValueType(path, offset, key, type):
            return "\(path): metadata '\(key)' at byte \(offset) has unknown value type \(type)"
        case let .tooLarge(path, offset, what, value):
            return "\(path): \(what) at byte \(offset) is implausibly large (\(value)); file is corrupt"
        case let .unknownTensorType(path, tensor, type):
            return "\(path): tensor '\(tensor)' has unknown type \(type)"
        case let .badTensorShape(path, tensor, reason):
            return "\(path): tensor '\(tensor)': \(reason)"
        case let .tensorOutOfBounds(path, tensor, start, end, fileSize):
            return "\(path): tensor '\(tensor)' data [\(start), \(end)) lies outside the file (\(fileSize) bytes)"
        case let .duplicateKey(path, key):
            return "\(path): metadata key '\(key)' appears twice"
        case let .missingTensor(name):
            return "model has no tensor '\(name)'"
        case let .missingKey(key):
            return "model metadata has no '\(key)'"
        case let .wrongKeyType(key, expected):
            return "model metadata '\(key)' is not \(expected)"
        case let .unsupportedType(tensor, type):
            return "tensor '\(tensor)' uses type \(type), which cannot be dequantized"
        }
    }
}
