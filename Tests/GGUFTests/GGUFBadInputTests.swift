import Testing
import GGUF
import GGUFWriting

/// Malformed files raise a `GGUFError` that says what is wrong and where.
@Suite struct GGUFBadInputTests {
    @Test func wrongMagic() throws {
        var bytes = try smallModel().bytes()
        bytes.patch(UInt32(0x4C4C_4747), at: 0)
        #expect(parseError(bytes) == .badMagic(path: "test.gguf", found: 0x4C4C_4747))
        #expect(parseError(Array("not a model at all".utf8)) != nil)
        #expect(parseError(Array("not a model at all".utf8))?.description.contains("not a GGUF file") == true)
    }

    @Test(arguments: [UInt32(0), 1, 4, 0xFFFF_FFFF])
    func unsupportedVersion(version: UInt32) throws {
        var bytes = try smallModel().bytes()
        bytes.patch(version, at: 4)
        #expect(parseError(bytes) == .unsupportedVersion(path: "test.gguf", version: version))
    }

    @Test func emptyInput() {
        #expect(throws: GGUFError.self) { try GGUFFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// Every prefix shorter than the end of the last tensor's data fails:
    /// with `truncated` while the header is cut, then `tensorOutOfBounds`.
    @Test func everyTruncationLength() throws {
        let bytes = try smallModel().bytes()
        let (dataOffset, dataEnd) = try withParsed(bytes) { f in
            (f.dataOffset, f.tensorInfos.map { $0.offset + $0.byteCount }.max()!)
        }
        var sawOutOfBounds = false
        for n in 0..<bytes.count {
            let err = parseError(Array(bytes.prefix(n)))
            if n >= dataEnd {
                #expect(err == nil, "prefix \(n) of \(bytes.count) (only padding cut) should parse")
                continue
            }
            switch err {
            case .truncated?:
                #expect(!sawOutOfBounds, "prefix \(n): header error after data errors")
                #expect(n < dataOffset)
            case let .tensorOutOfBounds(_, tensor, _, end, fileSize)?:
                sawOutOfBounds = true
                #expect(!tensor.isEmpty && fileSize == n && end > n)
            default:
                Issue.record("prefix \(n): unexpected \(String(describing: err))")
            }
        }
        #expect(sawOutOfBounds)
    }

    @Test func truncationMessageNamesOffsetAndField() throws {
        let bytes = Array(try smallModel().bytes().prefix(30))
        let message = try #require(parseError(bytes)).description
        #expect(message.contains("test.gguf") && message.contains("truncated at byte"))
    }

    @Test func tensorDataOutOfBounds() throws {
        var bytes = try smallModel().bytes()
        let at = tensorInfoOffset(bytes, "attn.weight") + 8 + 11 + 4 + 16 + 4
        bytes.patch(UInt64(1 << 20), at: at)
        guard case let .tensorOutOfBounds(_, tensor, start, end, size)? = parseError(bytes) else {
            Issue.record("expected tensorOutOfBounds")
            return
        }
        #expect(tensor == "attn.weight" && start > size && end - start == 68 && size == bytes.count)
        bytes.patch(UInt64.max - 31, at: at)
        #expect(parseError(bytes).map { if case .tensorOutOfBounds = $0 { true } else { false } } == true)
    }

    @Test func misalignedTensorOffset() throws {
        var bytes = try smallModel().bytes()
        bytes.patch(UInt64(4), at: tensorInfoOffset(bytes, "attn.weight") + 8 + 11 + 4 + 16 + 4)
        guard case let .badTensorShape(_, tensor, reason)? = parseError(bytes) else {
            Issue.record("expected badTensorShape")
            return
        }
        #expect(tensor == "attn.weight" && reason.contains("aligned"))
    }

    @Test func unknownTensorTypeNamesTensorAndType() throws {
        var bytes = try smallModel().bytes()
        bytes.patch(UInt32(99), at: tensorInfoOffset(bytes, "ffn.weight") + 8 + 10 + 4 + 16)
        let err = try #require(parseError(bytes))
        #expect(err == .unknownTensorType(path: "test.gguf", tensor: "ffn.weight", type: 99))
        #expect(err.description.contains("'ffn.weight'") && err.description.contains("99"))
    }

    @Test func undequantizableTypeNamesTensor() throws {
        var w = GGUFWriter()
        try w.addTensor("iq", type: .iq2_xxs, shape: [256], data: [UInt8](repeating: 0, count: 66))
        try withParsed(try w.bytes()) { f in
            var row = [Float](repeating: 0, count: 256)
            #expect(throws: GGUFError.unsupportedType(tensor: "iq", type: .iq2_xxs)) {
                try row.withUnsafeMutableBufferPointer { try Dequantize.row(0, of: f.tensors["iq"]!, in: f, to: $0.baseAddress!) }
            }
        }
    }

    @Test(arguments: [(8, "tensor count"), (16, "metadata count")])
    func hugeCounts(offset: Int, what: String) throws {
        var bytes = try smallModel().bytes()
        for value in [UInt64.max, UInt64(1) << 40, UInt64(1) << 60] {
            bytes.patch(value, at: offset)
            guard case let .tooLarge(_, at, field, v)? = parseError(bytes) else {
                Issue.record("\(what) = \(value): expected tooLarge, got \(String(describing: parseError(bytes)))")
                continue
            }
            #expect(at == offset && field == what && v == value)
        }
    }

    /// A count that merely exceeds the bytes left reads as a cut file.
    @Test(arguments: [(8, "tensor count"), (16, "metadata count")])
    func countsBeyondTheEndReadAsTruncation(offset: Int, what: String) throws {
        var bytes = try smallModel().bytes()
        bytes.patch(UInt64(bytes.count), at: offset)
        guard case let .truncated(_, at, needed, field)? = parseError(bytes) else {
            Issue.record("expected truncated, got \(String(describing: parseError(bytes)))")
            return
        }
        #expect(at == offset + 8 && needed > 0 && field.contains(what))
    }

    @Test func hugeStringAndArrayLengths() throws {
        let base = try smallModel().bytes()
        var bytes = base
        bytes.patch(UInt64.max, at: 24)  // length of the first key
        #expect(parseError(bytes).map { if case .tooLarge = $0 { true } else { false } } == true)
        let tokens = Array("tokenizer.ggml.tokens".utf8)
        let keyAt = (0..<base.count).first { Array(base[$0..<$0 + tokens.count]) == tokens }!
        bytes = base
        bytes.patch(UInt64(1) << 60, at: keyAt + tokens.count + 8)  // after value type + element type
        guard case let .tooLarge(_, _, what, _)? = parseError(bytes) else {
            Issue.record("expected tooLarge for the array length")
            return
        }
        #expect(what.contains("tokenizer.ggml.tokens"))
    }

    /// Shapes of the 2-D q8_0 tensor "attn.weight" and the error each gets:
    /// a dimension above 2^40, an element count that overflows, and a valid
    /// but enormous size that cannot fit in the file.
    @Test(arguments: [([UInt64(1) << 41, 2], "tooLarge"), ([1 << 40, 1 << 40], "badTensorShape"),
                      ([1 << 40, 1 << 22], "tensorOutOfBounds")])
    func overflowingTensorShapes(shape: [UInt64], expected: String) throws {
        var bytes = try smallModel().bytes()
        let at = tensorInfoOffset(bytes, "attn.weight") + 8 + 11 + 4
        bytes.patch(shape[0], at: at)
        bytes.patch(shape[1], at: at + 8)
        let err = try #require(parseError(bytes), "shape \(shape)")
        let kind = switch err {
        case .tooLarge: "tooLarge"
        case .badTensorShape: "badTensorShape"
        case .tensorOutOfBounds: "tensorOutOfBounds"
        default: "\(err)"
        }
        #expect(kind == expected)
        #expect(err.description.contains("attn.weight"))
    }

    @Test func elementCountOverflowIsReported() throws {
        var w = GGUFWriter()
        try w.addTensor("big", type: .f32, shape: [1, 1, 1, 1], data: [0, 0, 0, 0])
        var bytes = try w.bytes()
        let at = tensorInfoOffset(bytes, "big") + 8 + 3 + 4
        for i in 0..<4 { bytes.patch(UInt64(1) << 40, at: at + 8 * i) }
        guard case let .badTensorShape(_, tensor, reason)? = parseError(bytes) else {
            Issue.record("expected badTensorShape, got \(String(describing: parseError(bytes)))")
            return
        }
        #expect(tensor == "big" && reason.contains("overflow"))
    }

    @Test func badValueTypeAndDuplicateKey() throws {
        var w = GGUFWriter()
        w.set("k", .uint8(1))
        var bytes = try w.bytes()
        bytes.patch(UInt32(13), at: 24 + 8 + 1)
        #expect(parseError(bytes) == .badValueType(path: "test.gguf", offset: 33, key: "k", type: 13))

        w.set("l", .uint8(2))
        bytes = try w.bytes()
        bytes[24 + 8 + 1 + 4 + 1 + 8] = UInt8(ascii: "k")
        #expect(parseError(bytes) == .duplicateKey(path: "test.gguf", key: "k"))
    }

    @Test(arguments: [UInt32(0), 48, 1 << 30])
    func badAlignmentIsRejected(alignment: UInt32) throws {
        var w = GGUFWriter()
        w.set("general.alignment", .uint32(64))
        var bytes = try w.bytes()
        bytes.patch(alignment, at: 24 + 8 + "general.alignment".utf8.count + 4)
        guard case let .tooLarge(_, _, what, value)? = parseError(bytes) else {
            Issue.record("expected tooLarge for alignment \(alignment)")
            return
        }
        #expect(what.contains("general.alignment") && value == UInt64(alignment))
    }

    @Test func deeplyNestedArrayIsRejected() throws {
        var v = GGUFValue.array([.uint8(1)])
        for _ in 0..<12 { v = .array([v]) }
        var w = GGUFWriter()
        w.set("deep", v)
        guard case let .tooLarge(_, _, what, _)? = parseError(try w.bytes()) else {
            Issue.record("expected tooLarge for nesting")
            return
        }
        #expect(what.contains("nesting"))
    }
}
