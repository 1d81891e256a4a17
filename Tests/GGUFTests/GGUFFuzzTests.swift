import Foundation
import Testing
import GGUF

/// Seeded random truncations and byte mutations of a valid file: parsing
/// must throw a `GGUFError` or succeed with every tensor inside the image;
/// never crash, never hang.
@Suite struct GGUFFuzzTests {
    static let iterations = 20_000

    @Test func randomTruncationsAndMutations() throws {
        let base = try smallModel().bytes()
        let header = try withParsed(base) { $0.dataOffset }
        var rng = SeededRNG(seed: 0x6767_7566)
        var parsed = 0, failed = 0
        let start = Date()
        for _ in 0..<Self.iterations {
            let bytes = mutate(base, headerEnd: header, rng: &rng)
            do {
                try withParsed(bytes) { f in try checkTensors(f, size: bytes.count) }
                parsed += 1
            } catch is GGUFError {
                failed += 1
            }
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(parsed + failed == Self.iterations)
        #expect(failed > Self.iterations / 2, "most mutations should be caught (\(failed) failed)")
        #expect(seconds < 20, "fuzzing took \(seconds) s")
    }

    /// Every tensor lies inside the image and its first row dequantizes.
    func checkTensors(_ f: GGUFFile, size: Int) throws {
        for info in f.tensorInfos {
            #expect(info.offset >= f.dataOffset && info.offset + info.byteCount <= size)
            guard info.type.canDequantize, info.rowLength <= 4096 else { continue }
            var row = [Float](repeating: 0, count: info.rowLength)
            try row.withUnsafeMutableBufferPointer { try Dequantize.row(0, of: info, in: f, to: $0.baseAddress!) }
        }
    }

    /// One random corruption: a truncation, 1–8 byte overwrites (mostly in
    /// the header), an overwrite with an extreme 64-bit value, or several.
    func mutate(_ base: [UInt8], headerEnd: Int, rng: inout SeededRNG) -> [UInt8] {
        var bytes = base
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...8, using: &rng) where !bytes.isEmpty {
                    let limit = Bool.random(using: &rng) ? min(headerEnd, bytes.count) : bytes.count
                    bytes[Int.random(in: 0..<max(limit, 1), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            case 2:
                guard bytes.count > 8 else { continue }
                let extremes: [UInt64] = [0, 1, .max, .max - 1, 1 << 63, 1 << 32, 0xFFFF_FFFF, 13, 9, 1 << 40]
                bytes.patch(extremes.randomElement(using: &rng)!, at: Int.random(in: 0...(min(headerEnd, bytes.count) - 8), using: &rng))
            default:
                guard !bytes.isEmpty else { continue }
                let i = Int.random(in: 0..<min(headerEnd, bytes.count), using: &rng)
                bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            }
        }
        return bytes
    }
}
