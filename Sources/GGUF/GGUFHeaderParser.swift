/// Parses the header of a GGUF file: metadata, tensor infos and layout.
enum GGUFHeaderParser {
    struct Header {
        var version: UInt32
        var keys: [String]
        var metadata: [String: GGUFValue]
        var tensors: [GGUFTensorInfo]
        var alignment: Int
        var dataOffset: Int
    }

    static let magic: UInt32 = 0x4655_4747  // "GGUF" little-endian
    /// Nesting limit for arrays of arrays; real files use at most 2.
    static let maxArrayDepth = 8
    static let maxDims = 4

    static func parse(base: UnsafeRawPointer, size: Int, path: String) throws -> Header {
        var r = ByteReader(base: base, count: size, path: path)
        let found = try r.read(UInt32.self, "magic")
        guard found == magic else { throw GGUFError.badMagic(path: path, found: found) }
        let version = try r.read(UInt32.self, "version")
        guard version == 2 || version == 3 else { throw GGUFError.unsupportedVersion(path: path, version: version) }
        let tensorCount = try r.readCount("tensor count", minElementSize: 24)
        let kvCount = try r.readCount("metadata count", minElementSize: 12)

        var keys: [String] = []
        var metadata: [String: GGUFValue] = [:]
        keys.reserveCapacity(kvCount)
        for _ in 0..<kvCount {
            let key = try r.readString("metadata key")
            let typeOffset = r.offset
            let type = try r.read(UInt32.self, "type of '\(key)'")
            let value = try readValue(&r, type: type, key: key, typeOffset: typeOffset, depth: 0)
            guard metadata[key] == nil else { throw GGUFError.duplicateKey(path: path, key: key) }
            metadata[key] = value
            keys.append(key)
        }

        let alignment = try readAlignment(metadata, path: path)
        let raw = try (0..<tensorCount).map { _ in try readTensorInfo(&r, path: path) }
        let dataOffset = (r.offset + alignment - 1) / alignment * alignment
        let tensors = try raw.map { try $0.resolve(dataOffset: dataOffset, fileSize: size, alignment: alignment, path: path) }
        return Header(version: version, keys: keys, metadata: metadata, tensors: tensors,
                      alignment: alignment, dataOffset: dataOffset)
    }

    private static func readAlignment(_ metadata: [String: GGUFValue], path: String) throws -> Int {
        guard let v = metadata["general.alignment"] else { return 32 }
        guard let a = v.int, a > 0, a <= 1 << 20, a & (a - 1) == 0 else {
            throw GGUFError.tooLarge(path: path, offset: 0, what: "general.alignment (must be a power of two)",
                                     value: UInt64(clamping: v.int ?? -1))
        }
        return a
    }

    private static func readValue(_ r: inout ByteReader, type: UInt32, key: String, typeOffset: Int,
                                  depth: Int) throws -> GGUFValue {
        let what = "value of '\(key)'"
        switch type {
        case 0: return .uint8(try r.read(UInt8.self, what))
        case 1: return .int8(try r.read(Int8.self, what))
        case 2: return .uint16(try r.read(UInt16.self, what))
        case 3: return .int16(try r.read(Int16.self, what))
        case 4: return .uint32(try r.read(UInt32.self, what))
        case 5: return .int32(try r.read(Int32.self, what))
        case 6: return .float32(try r.readFloat(what))
        case 7: return .bool(try r.read(UInt8.self, what) != 0)
        case 8: return .string(try r.readString(what))
        case 10: return .uint64(try r.read(UInt64.self, what))
        case 11: return .int64(try r.read(Int64.self, what))
        case 12: return .float64(try r.readDouble(what))
        case 9:
            guard depth < maxArrayDepth else {
                throw GGUFError.tooLarge(path: r.path, offset: typeOffset, what: "array nesting of '\(key)'",
                                         value: UInt64(depth))
            }
            let elementOffset = r.offset
            let elementType = try r.read(UInt32.self, "array type of '\(key)'")
            let n = try r.readCount("array length of '\(key)'", minElementSize: minSize(of: elementType))
            var items: [GGUFValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n {
                items.append(try readValue(&r, type: elementType, key: key, typeOffset: elementOffset, depth: depth + 1))
            }
            return .array(items)
        default:
            throw GGUFError.badValueType(path: r.path, offset: typeOffset, key: key, type: type)
        }
    }

    /// Smallest encoding of one element, used to reject absurd array lengths early.
    private static func minSize(of type: UInt32) -> Int {
        switch type {
        case 0, 1, 7: 1
        case 2, 3: 2
        case 4, 5, 6: 4
        case 8, 10, 11, 12: 8
        case 9: 12
        default: 1
        }
    }

    private struct RawTensor {
        var name: String, dims: [Int], typeCode: UInt32, relativeOffset: UInt64, infoOffset: Int

        func resolve(dataOffset: Int, fileSize: Int, alignment: Int, path: String) throws -> GGUFTensorInfo {
            guard let type = GGMLType(rawValue: typeCode) else {
                throw GGUFError.unknownTensorType(path: path, tensor: name, type: typeCode)
            }
            var elements = 1
            for d in dims {
                let (m, o) = elements.multipliedReportingOverflow(by: d)
                guard !o else { throw GGUFError.badTensorShape(path: path, tensor: name, reason: "element count overflows") }
                elements = m
            }
            guard dims[0] % type.blockSize == 0 else {
                throw GGUFError.badTensorShape(path: path, tensor: name,
                    reason: "row length \(dims[0]) is not a multiple of the \(type) block size \(type.blockSize)")
            }
            guard let bytes = type.byteCount(elements: elements) else {
                throw GGUFError.badTensorShape(path: path, tensor: name, reason: "byte size overflows")
            }
            guard relativeOffset % UInt64(alignment) == 0 else {
                throw GGUFError.badTensorShape(path: path, tensor: name,
                                               reason: "data offset \(relativeOffset) is not aligned to \(alignment)")
            }
            guard relativeOffset <= UInt64(fileSize),
                  case let start = dataOffset + Int(relativeOffset),
                  start <= fileSize, bytes <= fileSize - start else {
                let start = dataOffset &+ Int(truncatingIfNeeded: min(relativeOffset, UInt64(Int.max / 2)))
                throw GGUFError.tensorOutOfBounds(path: path, tensor: name, start: start,
                                                  end: start &+ bytes, fileSize: fileSize)
            }
            return GGUFTensorInfo(name: name, shape: dims, type: type, offset: dataOffset + Int(relativeOffset),
                                  byteCount: bytes)
        }
    }

    private static func readTensorInfo(_ r: inout ByteReader, path: String) throws -> RawTensor {
        let infoOffset = r.offset
        let name = try r.readString("tensor name")
        let nDims = try r.read(UInt32.self, "dimension count of '\(name)'")
        guard nDims >= 1, nDims <= maxDims else {
            throw GGUFError.badTensorShape(path: path, tensor: name, reason: "\(nDims) dimensions (expected 1…\(maxDims))")
        }
        var dims: [Int] = []
        for _ in 0..<nDims {
            let at = r.offset
            let d = try r.read(UInt64.self, "shape of '\(name)'")
            guard d >= 1, d <= UInt64(1) << 40 else {
                throw GGUFError.tooLarge(path: path, offset: at, what: "dimension of tensor '\(name)'", value: d)
            }
            dims.append(Int(d))
        }
        let typeCode = try r.read(UInt32.self, "type of '\(name)'")
        let rel = try r.read(UInt64.self, "offset of '\(name)'")
        return RawTensor(name: name, dims: dims, typeCode: typeCode, relativeOffset: rel, infoOffset: infoOffset)
    }
}
