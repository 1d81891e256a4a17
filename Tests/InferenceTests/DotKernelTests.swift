import GGUF
import GGUFWriting
import Synchronization
import Testing
@testable import Inference

/// Every direct dot kernel must equal "dequantize the row, then dot" up to
/// float summation order, on quantized rows, on raw random blocks (every
/// bit pattern of the quants) and on edge rows; fused and tiled matrix
/// products must equal the per-row results.
@Suite("Dot kernels")
struct DotKernelTests {
    static let types: [GGMLType] = [.f32, .f16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .iq4_nl, .iq4_xs]

    /// Byte offsets of the f16 scale fields of one block.
    static func scaleOffsets(_ type: GGMLType) -> [Int] {
        switch type {
        case .q4_0, .q5_0, .q8_0, .iq4_nl, .iq4_xs: return [0]
        case .q4_1, .q5_1, .q4_K, .q5_K: return [0, 2]
        case .q6_K: return [208]
        case .q2_K: return [80, 82]
        case .q3_K: return [108]
        default: return []
        }
    }

    enum Kind: CaseIterable { case quantized, rawBlocks, zeroScale, negativeScale, allOnes, allZero }

    /// A row of `n` elements of `type` in the given style.
    static func row(_ type: GGMLType, n: Int, kind: Kind, rng: inout SplitMix64) -> [UInt8] {
        let values = (0..<n).map { _ in Float(rng.nextUnit() * 2 - 1) }
        if kind == .quantized || type == .f32 || type == .f16 {
            return Quantize.bytes(type, from: kind == .allZero ? [Float](repeating: 0, count: n) : values)
        }
        let blocks = n / type.blockSize, size = type.bytesPerBlock
        var bytes = [UInt8](repeating: 0, count: blocks * size)
        for i in bytes.indices {
            switch kind {
            case .allOnes: bytes[i] = 0xFF
            case .allZero: bytes[i] = 0
            default: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
            }
        }
        for b in 0..<blocks {
            for offset in scaleOffsets(type) {
                let scale: Float = switch kind {
                case .zeroScale: b % 2 == 0 ? 0 : 0.01
                case .negativeScale: -Float(rng.nextUnit() * 0.02 + 0.001)
                default: Float(rng.nextUnit() * 0.02 + 0.001)
                }
                let bits = Float16(scale).bitPattern
                bytes[b * size + offset] = UInt8(bits & 0xFF)
                bytes[b * size + offset + 1] = UInt8(bits >> 8)
            }
        }
        return bytes
    }

    static func dequantized(_ type: GGMLType, _ bytes: [UInt8], n: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: n) { out, c in
            bytes.withUnsafeBytes { Dequantize.row(type, from: $0.baseAddress!, to: out.baseAddress!, count: n) }
            c = n
        }
    }

    static func sums(_ x: [Float]) -> [Float] {
        stride(from: 0, to: x.count, by: 32).map { b in x[b..<(b + 32)].reduce(0, +) }
    }

    /// `|got − Σ w x|` must be within float rounding of the terms' magnitude.
    static func expectDot(_ got: Float, _ w: [Float], _ x: [Float], _ what: String) {
        var exact = 0.0, magnitude = 0.0
        for i in w.indices { exact += Double(w[i]) * Double(x[i]); magnitude += abs(Double(w[i]) * Double(x[i])) }
        let err = abs(Double(got) - exact)
        #expect(err <= 2e-6 * magnitude + 1e-6, "\(what): \(got) vs \(exact) (magnitude \(magnitude))")
    }

    @Test(arguments: types)
    func kernelEqualsDequantizedDot(type: GGMLType) throws {
        let kernel = try #require(DotKernels.kernel(for: type))
        var rng = SplitMix64(seed: UInt64(type.rawValue) &+ 11)
        for n in [256, 768, 4864] {
            let x = (0..<n).map { _ in Float(rng.nextUnit() * 4 - 2) }
            let xSums = Self.sums(x)
            for kind in Kind.allCases {
                for _ in 0..<3 {
                    let bytes = Self.row(type, n: n, kind: kind, rng: &rng)
                    let w = Self.dequantized(type, bytes, n: n)
                    let got = bytes.withUnsafeBytes { b in
                        x.withUnsafeBufferPointer { xp in
                            xSums.withUnsafeBufferPointer { kernel(b.baseAddress!, xp.baseAddress!, $0.baseAddress!, n) }
                        }
                    }
                    Self.expectDot(got, w, x, "\(type) n=\(n) \(kind)")
                }
            }
        }
    }

    /// A matrix of `rows` random quantized rows, kept alive by the returned bytes.
    static func matrix(_ type: GGMLType, rows: Int, cols: Int, rng: inout SplitMix64) -> (bytes: [UInt8], w: [[Float]]) {
        var bytes: [UInt8] = [], w: [[Float]] = []
        for _ in 0..<rows {
            let r = row(type, n: cols, kind: .quantized, rng: &rng)
            bytes += r
            w.append(dequantized(type, r, n: cols))
        }
        return (bytes, w)
    }

    @Test("fused mat-vec and tiled batch products equal row-by-row dots", arguments: [1, 3])
    func fusedAndBatchProducts(threads: Int) {
        let pool = WorkerPool(threads: threads)
        var rng = SplitMix64(seed: 5)
        let cols = 512, count = 5
        // Mixed formats (with and without a direct kernel) and row counts around tile edges.
        let shapes: [(GGMLType, Int)] = [(.q5_0, 37), (.q8_0, 16), (.q6_K, 130), (.q5_1, 70), (.q4_K, 600)]
        let mats = shapes.map { Self.matrix($0.0, rows: $0.1, cols: cols, rng: &rng) }
        let x = (0..<(count * cols)).map { _ in Float(rng.nextUnit() * 2 - 1) }
        let xSums = Self.sums(Array(x[0..<cols]))
        let rowScratch = UnsafeMutablePointer<Float>.allocate(capacity: threads * cols)
        let capacity = threads * 64 * cols
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        defer { rowScratch.deallocate(); weights.deallocate() }
        let outs = shapes.map { UnsafeMutablePointer<Float>.allocate(capacity: count * $0.1) }
        defer { outs.forEach { $0.deallocate() } }

        let storage = mats.map { m in
            let p = UnsafeMutableRawPointer.allocate(byteCount: m.bytes.count, alignment: 64)
            m.bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: m.bytes.count) }
            return p
        }
        defer { storage.forEach { $0.deallocate() } }
        let projections = shapes.indices.map { i in
            Projection(WeightMatrix(name: "m\(i)", type: shapes[i].0, rows: shapes[i].1, cols: cols, data: storage[i]), outs[i])
        }

        x.withUnsafeBufferPointer { xp in
            xSums.withUnsafeBufferPointer { sp in
                WeightMatrix.multiply(projections, xp.baseAddress!, sums: sp.baseAddress!, scratch: rowScratch, pool: pool)
            }
        }
        for i in shapes.indices {
            for r in 0..<shapes[i].1 { Self.expectDot(outs[i][r], mats[i].w[r], Array(x[0..<cols]), "mat-vec \(shapes[i].0) row \(r)") }
        }

        x.withUnsafeBufferPointer { xp in
            WeightMatrix.multiply(batch: projections, xp.baseAddress!, count: count, scratch: weights, capacity: capacity, pool: pool)
        }
        for i in shapes.indices {
            for t in 0..<count {
                let xt = Array(x[(t * cols)..<((t + 1) * cols)])
                for r in 0..<shapes[i].1 {
                    Self.expectDot(outs[i][t * shapes[i].1 + r], mats[i].w[r], xt, "batch \(shapes[i].0) token \(t) row \(r)")
                }
            }
        }
    }

    @Test("chunked jobs cover every index once, interleaved with run jobs")
    func chunkedJobsCoverEverything() {
        let pool = WorkerPool(threads: 4)
        let n = 1000
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { hits.deallocate() }
        for round in 0..<200 {
            hits.update(repeating: 0, count: n)
            let size = 1 + round % 37
            pool.forEachChunk(n, chunk: size) { range, thread in
                precondition(thread < 4)
                for i in range { hits[i] += 1 }
            }
            #expect((0..<n).allSatisfy { hits[$0] == 1 }, "round \(round)")
            let calls = Atomic<Int>(0)
            pool.run { _ in calls.add(1, ordering: .relaxed) }
            #expect(calls.load(ordering: .relaxed) == 4)
        }
    }
}
