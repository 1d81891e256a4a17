import Foundation
import GGUF
import GGUFWriting
import Inference

/// Decode mat-vec speed per weight type, in GB of weights read per second,
/// against the machine's streaming read of a buffer of the same size measured
/// in the same run (the bound a mat-vec kernel cannot beat).
public enum KernelBenchmark {
    public struct Row: Sendable, Codable {
        public var type: String
        /// Whether the type has a direct kernel (otherwise rows are dequantized first).
        public var direct: Bool
        public var matrixBytes: Int
        public var gbPerSecond: Double
        /// With the integer kernels of `Numerics.fast` (nil: the type has none).
        public var integerGBPerSecond: Double?
        /// The same bytes read by a plain vectorized sum.
        public var readGBPerSecond: Double
    }

    public static let types: [GGMLType] = [.f16, .q8_0, .q4_0, .q4_1, .q5_0, .q5_1, .q2_K, .q3_K, .q4_K, .q5_K, .q6_K,
                                           .iq4_nl, .iq4_xs]

    /// Times `y = W x` for a `rows × cols` matrix of each type, best of `repeats`.
    public static func run(rows: Int = 32768, cols: Int = 4096, repeats: Int = 10, pool: WorkerPool = .shared,
                           progress: (String) -> Void = { _ in }) -> [Row] {
        var rng = SplitMix64(seed: 9)
        let values = (0..<(cols * 64)).map { _ in Float(rng.nextUnit() * 2 - 1) }
        let x = (0..<cols).map { _ in Float(rng.nextUnit() * 2 - 1) }
        return types.map { type in
            progress("mat-vec \(type) \(rows)×\(cols)")
            // 64 distinct random rows, repeated: the matrix is far larger than any cache.
            let block = Quantize.bytes(type, from: values)
            let data = UnsafeMutableRawPointer.allocate(byteCount: block.count * (rows / 64), alignment: 64)
            defer { data.deallocate() }
            for r in 0..<(rows / 64) { (data + r * block.count).copyMemory(from: block, byteCount: block.count) }
            let matrix = WeightMatrix(name: "bench", type: type, rows: rows, cols: cols, data: UnsafeRawPointer(data))
            let bytes = block.count * (rows / 64)
            let seconds = time(repeats) { matVec(matrix, x, pool, integer: false) }
            let integer = matrix.hasIntegerKernel ? time(repeats) { matVec(matrix, x, pool, integer: true) } : nil
            let read = time(repeats) { streamingSum(UnsafeRawPointer(data), bytes, pool) }
            return Row(type: type.description, direct: matrix.hasDirectKernel, matrixBytes: bytes,
                       gbPerSecond: Double(bytes) / seconds / 1e9, integerGBPerSecond: integer.map { Double(bytes) / $0 / 1e9 },
                       readGBPerSecond: Double(bytes) / read / 1e9)
        }
    }

    private static func time(_ repeats: Int, _ body: () -> Void) -> Double {
        body()
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            body()
            best = min(best, start.secondsElapsed)
        }
        return best
    }

    private static func matVec(_ m: WeightMatrix, _ x: [Float], _ pool: WorkerPool, integer: Bool) {
        let sums = (0..<(m.cols / 32)).map { b in x[(b * 32)..<(b * 32 + 32)].reduce(0, +) }
        var y = [Float](repeating: 0, count: m.rows)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: m.cols * pool.threadCount)
        defer { scratch.deallocate() }
        x.withUnsafeBufferPointer { xp in
            sums.withUnsafeBufferPointer { sp in
                y.withUnsafeMutableBufferPointer { yp in
                    if integer { return m.multiplyQuantized(xp.baseAddress!, into: yp.baseAddress!, scratch: scratch, pool: pool) }
                    m.multiply(xp.baseAddress!, into: yp.baseAddress!, sums: sp.baseAddress!, scratch: scratch, pool: pool)
                }
            }
        }
    }

    /// Sums the buffer as 32-bit words on every thread (each its share).
    private static func streamingSum(_ p: UnsafeRawPointer, _ bytes: Int, _ pool: WorkerPool) {
        let chunks = bytes / 64, parts = pool.threadCount
        let results = UnsafeMutablePointer<UInt32>.allocate(capacity: parts)
        defer { results.deallocate() }
        pool.forEachChunk(parts, chunk: 1) { range, _ in
            for part in range {
                var acc = SIMD16<UInt32>()
                for c in (chunks * part / parts)..<(chunks * (part + 1) / parts) {
                    acc &+= p.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<UInt32>.self)
                }
                results[part] = acc.wrappedSum()
            }
        }
    }
}
