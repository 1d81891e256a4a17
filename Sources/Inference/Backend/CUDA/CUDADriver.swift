import Foundation

/// The CUDA driver API (`libcuda.so.1`), loaded at run time: the functions
/// the backend needs to find a GPU, hold memory on it and run kernels.
final class CUDADriver: @unchecked Sendable {
    typealias Result = Int32
    typealias Device = Int32
    typealias Pointer = UInt64

    let library: DynamicLibrary
    let initialize: @convention(c) (UInt32) -> Result
    let deviceCount: @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    let device: @convention(c) (UnsafeMutablePointer<Device>, Int32) -> Result
    let deviceName: @convention(c) (UnsafeMutablePointer<CChar>, Int32, Device) -> Result
    let deviceAttribute: @convention(c) (UnsafeMutablePointer<Int32>, Int32, Device) -> Result
    let deviceMemory: @convention(c) (UnsafeMutablePointer<Int>, Device) -> Result
    let retainPrimaryContext: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, Device) -> Result
    let setContext: @convention(c) (OpaquePointer?) -> Result
    let loadModule: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafeRawPointer) -> Result
    let moduleFunction: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?, UnsafePointer<CChar>) -> Result
    let allocate: @convention(c) (UnsafeMutablePointer<Pointer>, Int) -> Result
    let free: @convention(c) (Pointer) -> Result
    let copyToDevice: @convention(c) (Pointer, UnsafeRawPointer, Int) -> Result
    let copyToHost: @convention(c) (UnsafeMutableRawPointer, Pointer, Int) -> Result
    let copyOnDevice: @convention(c) (Pointer, Pointer, Int) -> Result
    let launch: @convention(c) (OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, OpaquePointer?,
                                UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Result
    let synchronize: @convention(c) () -> Result
    let errorName: @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result

    /// Loads `libcuda.so.1` and initializes the driver; throws when there is no driver.
    init() throws {
        let l = try DynamicLibrary(firstOf: ["libcuda.so.1", "libcuda.so"])
        library = l
        initialize = try l.function("cuInit", as: type(of: initialize))
        deviceCount = try l.function("cuDeviceGetCount", as: type(of: deviceCount))
        device = try l.function("cuDeviceGet", as: type(of: device))
        deviceName = try l.function("cuDeviceGetName", as: type(of: deviceName))
        deviceAttribute = try l.function("cuDeviceGetAttribute", as: type(of: deviceAttribute))
        deviceMemory = try l.function("cuDeviceTotalMem_v2", as: type(of: deviceMemory))
        retainPrimaryContext = try l.function("cuDevicePrimaryCtxRetain", as: type(of: retainPrimaryContext))
        setContext = try l.function("cuCtxSetCurrent", as: type(of: setContext))
        loadModule = try l.function("cuModuleLoadData", as: type(of: loadModule))
        moduleFunction = try l.function("cuModuleGetFunction", as: type(of: moduleFunction))
        allocate = try l.function("cuMemAlloc_v2", as: type(of: allocate))
        free = try l.function("cuMemFree_v2", as: type(of: free))
        copyToDevice = try l.function("cuMemcpyHtoD_v2", as: type(of: copyToDevice))
        copyToHost = try l.function("cuMemcpyDtoH_v2", as: type(of: copyToHost))
        copyOnDevice = try l.function("cuMemcpyDtoD_v2", as: type(of: copyOnDevice))
        launch = try l.function("cuLaunchKernel", as: type(of: launch))
        synchronize = try l.function("cuCtxSynchronize", as: type(of: synchronize))
        errorName = try l.function("cuGetErrorName", as: type(of: errorName))
        try check(initialize(0), "cuInit")
    }

    /// The context every call of this process uses (set by `CUDAContext`).
    var context: OpaquePointer?

    /// Makes `context` current on the calling thread: the driver keeps the
    /// current context per thread, and sessions run on any thread.
    func bind() throws { try check(setContext(context), "cuCtxSetCurrent") }

    /// Throws `CUDAError` naming `call` unless `result` is CUDA_SUCCESS.
    func check(_ result: Result, _ call: String) throws {
        guard result != 0 else { return }
        var name: UnsafePointer<CChar>?
        let text = errorName(result, &name) == 0 ? name.map { String(cString: $0) } : nil
        throw CUDAError.driver(call: call, code: result, name: text ?? "CUDA error \(result)")
    }

    /// Number of GPUs the driver sees.
    func count() throws -> Int {
        var n: Int32 = 0
        try check(deviceCount(&n), "cuDeviceGetCount")
        return Int(n)
    }
}

/// A CUDA driver or compiler call that failed.
enum CUDAError: Error, CustomStringConvertible, Equatable {
    case driver(call: String, code: Int32, name: String)
    case compile(kernel: String, log: String)
    case noDevice
    case unsupported(type: String, tensor: String)

    var description: String {
        switch self {
        case .unsupported(let type, let tensor): return "the CUDA backend has no kernel for \(type) weights (\(tensor)); use --device cpu"
        case .driver(let call, let code, let name): return "\(call) failed: \(name) (\(code))"
        case .compile(let kernel, let log): return "NVRTC could not compile \(kernel): \(log)"
        case .noDevice: return "the CUDA driver sees no GPU"
        }
    }
}
