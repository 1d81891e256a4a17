import Testing
import GGUF

/// Dequantization against values produced by the independent `gguf` Python
/// package (see scripts/gguf-make-dequant-fixtures.py).
@Suite struct DequantizeFixtureTests {
    @Test(arguments: supportedTypes)
    func matchesReference(type: GGMLType) throws {
        let fixture = try DequantFixture.load(type)
        #expect(fixture.ggml_type == type.rawValue)
        let blocks = fixture.blocks
        #expect(blocks.count == type.byteCount(elements: fixture.count))
        let expected = fixture.expected
        let got = dequantize(type, blocks, count: fixture.count)
        var mismatches = 0
        for i in 0..<expected.count where ulpDistance(got[i], expected[i]) > 1 {
            if mismatches < 5 { Issue.record("\(type)[\(i)]: got \(got[i]), expected \(expected[i])") }
            mismatches += 1
        }
        #expect(mismatches == 0, "\(mismatches) of \(expected.count) values differ by more than 1 ulp")
    }

    @Test(arguments: supportedTypes)
    func unalignedSourceGivesSameValues(type: GGMLType) throws {
        let fixture = try DequantFixture.load(type)
        let shifted = [0x55] + fixture.blocks
        var out = [Float](repeating: 0, count: fixture.count)
        shifted.withUnsafeBytes { src in
            out.withUnsafeMutableBufferPointer {
                Dequantize.row(type, from: src.baseAddress! + 1, to: $0.baseAddress!, count: fixture.count)
            }
        }
        #expect(out.map(\.bitPattern) == dequantize(type, fixture.blocks, count: fixture.count).map(\.bitPattern))
    }
}
