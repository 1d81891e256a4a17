import Foundation
import Testing
import GGUF
import GGUFWriting

/// `GGUFWriter` output read back with `GGUFFile`.
@Suite struct GGUFWriterTests {
    static let everyValue: [(String, GGUFValue)] = [
        ("t.u8", .uint8(200)), ("t.i8", .int8(-100)), ("t.u16", .uint16(60000)), ("t.i16", .int16(-30000)),
        ("t.u32", .uint32(4_000_000_000)), ("t.i32", .int32(-2_000_000_000)),
        ("t.u64", .uint64(UInt64.max)), ("t.i64", .int64(Int64.min)),
        ("t.f32", .float32(-1.5e-7)), ("t.f64", .float64(2.718281828459045)),
        ("t.true", .bool(true)), ("t.false", .bool(false)),
        ("t.str", .string("héllo ✓ <|im_start|>\n")), ("t.empty_str", .string("")),
        ("t.arr_u8", .array([.uint8(1), .uint8(2)])), ("t.arr_f32", .array([.float32(0.5), .float32(-0)])),
        ("t.arr_str", .array([.string("a"), .string(""), .string("ü")])), ("t.arr_empty", .array([])),
        ("t.arr_bool", .array([.bool(true), .bool(false)])), ("t.arr_i64", .array([.int64(-1), .int64(1 << 40)])),
        ("t.nested", .array([.array([.uint16(1), .uint16(2)]), .array([]), .array([.uint16(3)])])),
        ("t.nested3", .array([.array([.array([.string("deep")])])])),
    ]

    @Test(arguments: [UInt32(2), 3])
    func everyMetadataTypeRoundTrips(version: UInt32) throws {
        var w = GGUFWriter(version: version)
        for (k, v) in Self.everyValue { w.set(k, v) }
        try withParsed(try w.bytes()) { f in
            #expect(f.version == version)
            #expect(f.metadataKeys == Self.everyValue.map(\.0))
            for (k, v) in Self.everyValue where k != "t.arr_empty" {
                #expect(f.metadata[k] == v, "\(k)")
            }
            #expect(f.metadata["t.arr_empty"]?.array?.isEmpty == true)
            #expect(f.tensorInfos.isEmpty)
        }
    }

    @Test func settingAKeyAgainReplacesItInPlace() throws {
        var w = GGUFWriter()
        w.set("a", .int32(1))
        w.set("b", .int32(2))
        w.set("a", .string("x"))
        try withParsed(try w.bytes()) { f in
            #expect(f.metadataKeys == ["a", "b"])
            #expect(f.string("a") == "x")
        }
    }

    @Test(arguments: [UInt32(1), 8, 32, 64, 4096])
    func tensorsRoundTripWithAlignment(alignment: UInt32) throws {
        let w = try smallModel(alignment: alignment)
        let bytes = try w.bytes()
        #expect(bytes.count % Int(alignment) == 0)
        try withParsed(bytes) { f in
            #expect(f.alignment == Int(alignment))
            #expect(f.dataOffset % Int(alignment) == 0)
            #expect(f.tensorInfos.map(\.name) == w.tensors.map(\.name))
            for t in w.tensors {
                let info = try #require(f.tensors[t.name])
                #expect(info.type == t.type && info.shape == t.shape)
                #expect(info.offset % Int(alignment) == 0)
                #expect(Array(try f.data(named: t.name)) == t.data)
            }
        }
    }

    @Test func defaultAlignmentIs32() throws {
        try withParsed(try smallModel().bytes()) { f in
            #expect(f.alignment == 32)
            #expect(f.tensorInfos.allSatisfy { $0.offset % 32 == 0 })
        }
    }

    @Test func quantizedTensorRowsDequantize() throws {
        var rng = SeededRNG(seed: 5)
        let values = rng.gaussians(512)
        var w = GGUFWriter()
        try w.addTensor("w", type: .q6_K, shape: [256, 2], values: values)
        try withParsed(try w.bytes()) { f in
            let info = try #require(f.tensors["w"])
            var row = [Float](repeating: 0, count: 256)
            try row.withUnsafeMutableBufferPointer { try Dequantize.row(1, of: info, in: f, to: $0.baseAddress!) }
            let expected = dequantize(.q6_K, quantize(.q6_K, values), count: 512)
            #expect(row == Array(expected[256...]))
        }
    }

    @Test func writesAtomicallyToAPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gguf-writer-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.gguf").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let w = try smallModel()
        try w.write(to: path)
        let f = try GGUFFile(path: path)
        #expect(f.architecture == "llama")
        #expect(Array(try f.data(named: "ffn.weight")) == w.tensors[2].data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["m.gguf"])
    }

    @Test func writeToMissingDirectoryFails() throws {
        #expect(throws: AtomicFileError.self) { try smallModel().write(to: "/nonexistent-dir-\(UUID())/m.gguf") }
    }

    @Test func rejectsInvalidInput() throws {
        var w = GGUFWriter()
        #expect(throws: GGUFWriterError.wrongByteCount("a", expected: 4, got: 3)) {
            try w.addTensor("a", type: .f32, shape: [1], data: [0, 0, 0])
        }
        #expect(throws: GGUFWriterError.badShape("b", [33])) { try w.addTensor("b", type: .q8_0, shape: [33], data: []) }
        #expect(throws: GGUFWriterError.badShape("c", [])) { try w.addTensor("c", type: .f32, shape: [], data: []) }
        try w.addTensor("d", type: .f32, shape: [1], data: [0, 0, 0, 0])
        #expect(throws: GGUFWriterError.duplicateTensor("d")) { try w.addTensor("d", type: .f32, shape: [1], data: [0, 0, 0, 0]) }
        w.set("mixed", .array([.int32(1), .string("x")]))
        #expect(throws: GGUFWriterError.mixedArray(key: "mixed")) { try w.bytes() }
        var v = GGUFWriter(version: 1)
        #expect(throws: GGUFWriterError.unsupportedVersion(1)) { try v.bytes() }
        v = GGUFWriter()
        v.set("general.alignment", .uint32(24))
        #expect(throws: GGUFWriterError.badAlignment(24)) { try v.bytes() }
    }
}
