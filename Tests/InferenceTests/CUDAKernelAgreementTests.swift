import Foundation
import GGUF
import GGUFWriting
import Testing
@testable import Inference

/// On a GPU only: each CUDA kernel against the CPU operation it mirrors, on
/// random inputs (weights quantized with the project's quantizers).
@Suite("CUDA kernels agree with the CPU", .serialized,
       .enabled(if: CUDATestSupport.gpu != nil && CUDATestSupport.compiler != nil, "needs a GPU and NVRTC"))
struct CUDAKernelAgreementTests {
    static func kernels() throws -> CUDAKernels {
        let context = try #require(CUDATestSupport.gpu)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("precis-cuda-kernels")
        return try CUDAKernels(context: context, cache: KernelCache(directory: directory, compiler: try #require(CUDATestSupport.compiler)))
    }

    static func random(_ count: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in Float(Double(rng.next() % 20001) / 10000 - 1) }
    }

    static func upload(_ values: [Float], _ context: CUDAContext) throws -> DeviceBuffer {
        let buffer = try DeviceBuffer(bytes: values.count * 4, driver: context.driver)
        try values.withUnsafeBytes { try buffer.upload($0.baseAddress!, bytes: $0.count) }
        return buffer
    }

    static func download(_ buffer: DeviceBuffer, count: Int) throws -> [Float] {
        var out = [Float](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try buffer.download(into: $0.baseAddress!, bytes: $0.count) }
        return out
    }

    @Test("Y = X Wᵀ equals dequantize-then-dot for every weight type", arguments: Array(CUDAKernels.matmulTypes).map(\.description).sorted())
    func matmul(_ typeName: String) throws {
        let type = try #require(CUDAKernels.matmulTypes.first { $0.description == typeName })
        let k = try Self.kernels(), context = k.context
        let rows = 37, cols = 512, count = 3
        let bytes = Quantize.bytes(type, from: Self.random(rows * cols, seed: 1))
        let rowBytes = bytes.count / rows
        let x = Self.random(count * cols, seed: 2)
        var reference = [Float](repeating: 0, count: count * rows), row = [Float](repeating: 0, count: cols)
        for r in 0..<rows {
            bytes.withUnsafeBytes { Dequantize.row(type, from: $0.baseAddress! + r * rowBytes, to: &row, count: cols) }
            for t in 0..<count { reference[t * rows + r] = (0..<cols).reduce(0) { $0 + row[$1] * x[t * cols + $1] } }
        }
        let w = try DeviceBuffer(bytes: bytes.count, driver: context.driver)
        try bytes.withUnsafeBytes { try w.upload($0.baseAddress!, bytes: $0.count) }
        let xs = try Self.upload(x, context), y = try DeviceBuffer(bytes: count * rows * 4, driver: context.driver)
        try k.matmul(type, weights: w, rowBytes: rowBytes, rows: rows, cols: cols, x: xs, count: count, into: y)
        try context.synchronize()
        let got = try Self.download(y, count: count * rows)
        for i in got.indices { #expect(abs(got[i] - reference[i]) <= 1e-3 * max(1, abs(reference[i])), "\(type) output \(i)") }
    }

    @Test("RMS norm, residual add, SwiGLU, GeGLU and RoPE (both pairings) equal the CPU's")
    func elementwise() throws {
        let k = try Self.kernels(), context = k.context
        let rows = 4, width = 192, heads = 3, headDim = 64, pairs = 32
        let x = Self.random(rows * width, seed: 3), weight = Self.random(width, seed: 4), other = Self.random(rows * width, seed: 5)
        var expected = [Float](repeating: 0, count: rows * width)
        x.withUnsafeBufferPointer { xp in
            expected.withUnsafeMutableBufferPointer { ep in
                for r in 0..<rows { VectorMath.rmsNorm(xp.baseAddress! + r * width, weight, ep.baseAddress! + r * width, width, epsilon: 1e-5) }
            }
        }
        let dx = try Self.upload(x, context), dw = try Self.upload(weight, context), dy = try Self.upload(expected.map { _ in 0 }, context)
        try k.rmsNorm(dx, weight: dw, into: dy, rows: rows, width: width, epsilon: 1e-5)
        try context.synchronize()
        try expectClose(try Self.download(dy, count: rows * width), expected, "rms_norm")

        for (kernel, cpu) in [("swiglu", VectorMath.swiGLU), ("geglu", VectorMath.geGLU)] as [(String, (UnsafeMutablePointer<Float>, UnsafePointer<Float>, Int) -> Void)] {
            var gate = x
            cpu(&gate, other, gate.count)
            let dg = try Self.upload(x, context), du = try Self.upload(other, context)
            try k.activate(kernel, gate: dg, up: du, count: x.count)
            try context.synchronize()
            try expectClose(try Self.download(dg, count: x.count), gate, kernel)
        }

        let sum = zip(x, other).map { $0 + $1 }, da = try Self.upload(x, context), db = try Self.upload(other, context)
        try k.add(db, into: da, count: x.count)
        try context.synchronize()
        try expectClose(try Self.download(da, count: x.count), sum, "add_into")

        let frequencies = (0..<pairs).map { Float(pow(10000, -2 * Double($0) / Double(headDim))) }
        for neox in [false, true] {
            var rotated = Array(x.prefix(rows * heads * headDim)), cosSin = [Float](repeating: 0, count: 2 * pairs)
            for r in 0..<rows {
                rotated.withUnsafeMutableBufferPointer {
                    Rope.apply($0.baseAddress! + r * heads * headDim, heads: heads, headDim: headDim, position: 7 + r,
                               frequencies: frequencies, pairs: pairs, neox: neox, cosSin: &cosSin)
                }
            }
            let dr = try Self.upload(Array(x.prefix(rows * heads * headDim)), context), df = try Self.upload(frequencies, context)
            try k.rope(dr, rows: rows, heads: heads, headDim: headDim, start: 7, frequencies: df, pairs: pairs, neox: neox)
            try context.synchronize()
            try expectClose(try Self.download(dr, count: rotated.count), rotated, "rope neox=\(neox)")
        }
    }

    func expectClose(_ got: [Float], _ expected: [Float], _ what: String) throws {
        #expect(got.count == expected.count)
        for i in got.indices where abs(got[i] - expected[i]) > 1e-4 * max(1, abs(expected[i])) {
            Issue.record("\(what)[\(i)]: \(got[i]) vs \(expected[i])")
            return
        }
    }
}
