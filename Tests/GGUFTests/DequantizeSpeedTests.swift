import Foundation
import Testing
import GGUF

/// Dequantizing a full 576×49152 matrix (the default model's embedding
/// shape) into scratch, as prefill does. The bound is loose (about 10× the
/// measured time in release) to catch regressions without flaking.
@Suite(.serialized) struct DequantizeSpeedTests {
    @Test(arguments: supportedTypes)
    func fullMatrix(type: GGMLType) {
        let rows = 49152, cols = 576, chunk = 2304  // chunk: a multiple of both 576 and 256
        var rng = SeededRNG(seed: 3)
        let block = quantize(type, rng.gaussians(chunk))
        var src = [UInt8]()
        src.reserveCapacity(block.count * rows * cols / chunk)
        for _ in 0..<rows * cols / chunk { src.append(contentsOf: block) }
        var dst = [Float](repeating: 0, count: rows * cols)
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            src.withUnsafeBytes { s in
                dst.withUnsafeMutableBufferPointer { d in
                    Dequantize.row(type, from: s.baseAddress!, to: d.baseAddress!, count: rows * cols)
                }
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        print("dequantize \(type) \(cols)x\(rows): \(String(format: "%.1f", best)) ms")
        #expect(dst[cols * rows - 1] == dst[chunk - 1])
        #expect(best < 1000, "\(type): \(best) ms")
    }
}
