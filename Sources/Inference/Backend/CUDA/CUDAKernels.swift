import Foundation
import GGUF

/// The backend's kernels, compiled for one GPU (through the on-disk cache)
/// and loaded into its context.
final class CUDAKernels: @unchecked Sendable {
    let context: CUDAContext
    private let kernels: [String: CUDAKernel]

    /// Compiles (or finds in `cache`) and loads every kernel source for `context`'s GPU.
    init(context: CUDAContext, cache: KernelCache) throws {
        self.context = context
        var kernels: [String: CUDAKernel] = [:]
        for (name, source, names) in Self.sources {
            let cubin = try cache.cubin(source, name: name, architecture: context.device.architecture)
            kernels.merge(try context.module(cubin, kernels: names)) { a, _ in a }
        }
        self.kernels = kernels
    }

    /// Each source: its name, text and the kernels it defines.
    static let sources = [
        ("elementwise", CUDAKernelSource.elementwise, CUDAKernelSource.elementwiseKernels),
        ("matmul", CUDAKernelSource.matmul, CUDAKernelSource.matmulKernels),
        ("attention", CUDAAttentionSource.source, CUDAAttentionSource.kernels),
    ]

    /// The weight types with a matmul kernel.
    static let matmulTypes = Set(CUDAKernelSource.matmulTypes)

    subscript(_ name: String) -> CUDAKernel {
        guard let kernel = kernels[name] else { preconditionFailure("no kernel \(name)") }
        return kernel
    }

    /// `y[t][r] = W[r] · x[t]` for `count` rows of x (`[count][cols]`), W
    /// `rows × cols` of `type` in `weights` (rows of `rowBytes`).
    func matmul(_ type: GGMLType, weights: DeviceBuffer, rowBytes: Int, rows: Int, cols: Int,
                x: DeviceBuffer, count: Int, into y: DeviceBuffer, outStride: Int? = nil) throws {
        precondition(Self.matmulTypes.contains(type), "no CUDA matmul for \(type)")
        let warps = 8
        try self["matmul_\(type)"].launch(
            grid: ((rows + warps - 1) / warps, count, 1), block: (32 * warps, 1, 1),
            [weights.argument, .pointer(UInt64(rowBytes)), x.argument, y.argument, .int(Int32(rows)), .int(Int32(cols)),
             .int(Int32(count)), .int(Int32(outStride ?? rows))])
    }

    /// RMS-normalizes `rows` rows of `width` from `x` (from row `firstRow`) into `y` with `weight`.
    func rmsNorm(_ x: DeviceBuffer, firstRow: Int = 0, weight: DeviceBuffer, into y: DeviceBuffer, rows: Int, width: Int,
                 epsilon: Float) throws {
        try self["rms_norm"].launch(grid: (rows, 1, 1), block: (256, 1, 1),
                                    [.pointer(x.address + UInt64(firstRow * width * 4)), weight.argument, y.argument,
                                     .int(Int32(width)), .float(epsilon)])
    }

    /// Adds `bias` (`width` floats) to each of the `rows` rows of `y`.
    func addBias(_ bias: DeviceBuffer, into y: DeviceBuffer, rows: Int, width: Int) throws {
        try self["add_bias"].launch(grid: blocks(rows * width), block: (256, 1, 1),
                                    [y.argument, bias.argument, .int(Int32(width)), .int(Int32(rows * width))])
    }

    /// `y += x` over `count` floats.
    func add(_ x: DeviceBuffer, into y: DeviceBuffer, count: Int) throws {
        try self["add_into"].launch(grid: blocks(count), block: (256, 1, 1), [y.argument, x.argument, .int(Int32(count))])
    }

    /// `gate ← act(gate) · up` over `count` floats (`swiglu` or `geglu`).
    func activate(_ kernel: String, gate: DeviceBuffer, up: DeviceBuffer, count: Int) throws {
        try self[kernel].launch(grid: blocks(count), block: (256, 1, 1), [gate.argument, up.argument, .int(Int32(count))])
    }

    /// Rotates `rows` rows of `heads` heads in `x` to positions `start…`.
    func rope(_ x: DeviceBuffer, rows: Int, heads: Int, headDim: Int, start: Int, frequencies: DeviceBuffer,
              pairs: Int, neox: Bool) throws {
        try self["rope"].launch(grid: blocks(rows * heads * pairs), block: (256, 1, 1),
                                [x.argument, .int(Int32(rows)), .int(Int32(heads)), .int(Int32(headDim)), .int(Int32(start)),
                                 frequencies.argument, .int(Int32(pairs)), .int(neox ? 1 : 0)])
    }

    /// Attends `rows` query rows of the `group` query heads from `firstHead`
    /// (in `query`, rows of `stride` floats) over one KV head's segments, into `output`.
    func attend(query: DeviceBuffer, output: DeviceBuffer, rows: Int, stride: Int, firstHead: Int, group: Int, headDim: Int,
                scale: Float, _ first: DeviceSegment, _ second: DeviceSegment?) throws {
        precondition(headDim <= 256, "CUDA attention takes heads of at most 256")
        let empty = DeviceSegment(keys: first.keys, values: first.values, count: 0, visibleBase: 0)
        try self["attend_span"].launch(grid: (rows, group, 1), block: (32, 1, 1),
                                       [query.argument, output.argument, .int(Int32(stride)), .int(Int32(firstHead)),
                                        .int(Int32(headDim)), .float(scale)] + first.arguments(headDim) + (second ?? empty).arguments(headDim))
    }

    private func blocks(_ n: Int) -> (Int, Int, Int) { (max(1, (n + 255) / 256), 1, 1) }
}

/// A run of f16 K/V rows of one KV head in GPU memory, with the visibility
/// of the CPU's `KeySegment`: query row `r` sees rows below
/// `min(count, visibleBase + r + 1)`, and only the last `window` of them.
struct DeviceSegment {
    let keys: DeviceBuffer
    let values: DeviceBuffer
    /// The segment's first row in the buffers.
    let firstRow: Int
    let count: Int
    let visibleBase: Int
    let window: Int

    init(keys: DeviceBuffer, values: DeviceBuffer, firstRow: Int = 0, count: Int, visibleBase: Int, window: Int = .max) {
        self.keys = keys
        self.values = values
        self.firstRow = firstRow
        self.count = count
        self.visibleBase = visibleBase
        self.window = window
    }

    func arguments(_ headDim: Int) -> [KernelArgument] {
        let offset = UInt64(firstRow * headDim * 2)
        return [.pointer(keys.address + offset), .pointer(values.address + offset), .int(Int32(count)), .int(Int32(visibleBase)),
                .int(window == .max ? 0 : Int32(window))]
    }
}
