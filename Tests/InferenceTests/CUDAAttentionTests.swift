import Foundation
import GGUF
import Testing
@testable import Inference

/// On a GPU only: attention over the hybrid cache's segments against a
/// masked reference (every score computed, the invisible ones masked out),
/// for a retrieval head's causal rows, a sliding window and a streaming
/// head's sink and ring followed by the chunk.
@Suite("CUDA attention agrees with a masked reference", .serialized,
       .enabled(if: CUDATestSupport.gpu != nil && CUDATestSupport.compiler != nil, "needs a GPU and NVRTC"))
struct CUDAAttentionTests {
    struct Segment { let rows: Int; let base: Int; var window = Int.max }

    static let headDim = 64, group = 3, chunk = 5

    /// Softmax attention of query row `r` over the segments' rows that `KeySegment`'s rule makes visible.
    static func reference(_ q: [Float], _ keys: [[Float]], _ values: [[Float]], _ segments: [Segment], row r: Int, head h: Int,
                          scale: Float) -> [Float] {
        var scores: [Float] = [], rows: [Int] = [], offset = 0
        for s in segments {
            let end = min(s.rows, s.base + r + 1), start = s.window == .max ? 0 : max(0, s.base + r + 1 - s.window)
            for j in 0..<s.rows {
                guard j >= start && j < end else { continue }
                let key = keys[offset + j]
                scores.append((0..<headDim).reduce(0) { $0 + q[(r * group + h) * headDim + $1] * scale * key[$1] })
                rows.append(offset + j)
            }
            offset += s.rows
        }
        let top = scores.max() ?? 0, weights = scores.map { exp($0 - top) }, total = weights.reduce(0, +)
        return (0..<headDim).map { d in zip(weights, rows).reduce(0) { $0 + $1.0 * values[$1.1][d] } / total }
    }

    @Test("retrieval (causal at depth 40), sliding window of 7, streaming (sink + ring, then the chunk)",
          arguments: ["retrieval", "window", "streaming"])
    func agrees(_ shape: String) throws {
        let k = try CUDAKernelAgreementTests.kernels(), context = k.context
        let segments: [Segment] = switch shape {
        case "retrieval": [Segment(rows: 40 + Self.chunk, base: 40)]
        case "window": [Segment(rows: 40 + Self.chunk, base: 40, window: 7)]
        default: [Segment(rows: 24, base: 24), Segment(rows: Self.chunk, base: 0)]
        }
        let total = segments.reduce(0) { $0 + $1.rows }, d = Self.headDim
        let flatKeys = CUDAKernelAgreementTests.random(total * d, seed: 11).map { Float(Float16($0)) }
        let flatValues = CUDAKernelAgreementTests.random(total * d, seed: 12).map { Float(Float16($0)) }
        let q = CUDAKernelAgreementTests.random(Self.chunk * Self.group * d, seed: 13)
        let keys = (0..<total).map { Array(flatKeys[($0 * d)..<($0 * d + d)]) }
        let values = (0..<total).map { Array(flatValues[($0 * d)..<($0 * d + d)]) }
        let scale = 1 / Float(d).squareRoot()

        let kBuffer = try DeviceBuffer(bytes: total * d * 2, driver: context.driver)
        let vBuffer = try DeviceBuffer(bytes: total * d * 2, driver: context.driver)
        let halves = { (x: [Float]) in x.map { Float16($0) } }
        try halves(flatKeys).withUnsafeBytes { try kBuffer.upload($0.baseAddress!, bytes: $0.count) }
        try halves(flatValues).withUnsafeBytes { try vBuffer.upload($0.baseAddress!, bytes: $0.count) }
        let device = segments.reduce(into: (list: [DeviceSegment](), row: 0)) { acc, s in
            acc.list.append(DeviceSegment(keys: kBuffer, values: vBuffer, firstRow: acc.row, count: s.rows, visibleBase: s.base,
                                          window: s.window))
            acc.row += s.rows
        }.list
        let query = try CUDAKernelAgreementTests.upload(q, context)
        let output = try CUDAKernelAgreementTests.upload(q.map { _ in 0 }, context)
        try k.attend(query: query, output: output, rows: Self.chunk, stride: Self.group * d, firstHead: 0, group: Self.group,
                     headDim: d, scale: scale, device[0], device.count > 1 ? device[1] : nil)
        try context.synchronize()
        let got = try CUDAKernelAgreementTests.download(output, count: q.count)
        for r in 0..<Self.chunk {
            for h in 0..<Self.group {
                let expected = Self.reference(q, keys, values, segments, row: r, head: h, scale: scale)
                let slice = Array(got[((r * Self.group + h) * d)..<((r * Self.group + h) * d + d)])
                let worst = zip(slice, expected).map { abs($0 - $1) }.max() ?? 0
                #expect(worst < 1e-4, "\(shape) row \(r) head \(h): off by \(worst)")
            }
        }
    }
}
