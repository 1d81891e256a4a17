import Foundation

/// A GPU made current for this process, its kernels loaded and its memory
/// handed out as `DeviceBuffer`s.
final class CUDAContext: @unchecked Sendable {
    let driver: CUDADriver
    let device: CUDADevice

    /// GPU `ordinal`'s primary context, current on the calling thread.
    init(driver: CUDADriver, ordinal: Int = 0) throws {
        guard try driver.count() > ordinal else { throw CUDAError.noDevice }
        self.driver = driver
        device = try CUDADevice.describe(ordinal, driver: driver)
        var handle: CUDADriver.Device = 0
        try driver.check(driver.device(&handle, Int32(ordinal)), "cuDeviceGet")
        var context: OpaquePointer?
        try driver.check(driver.retainPrimaryContext(&context, handle), "cuDevicePrimaryCtxRetain")
        driver.context = context
        try driver.bind()
    }

    /// Loads `cubin` and looks up its kernels by name.
    func module(_ cubin: [UInt8], kernels names: [String]) throws -> [String: CUDAKernel] {
        var module: OpaquePointer?
        try driver.bind()
        try cubin.withUnsafeBytes { try driver.check(driver.loadModule(&module, $0.baseAddress!), "cuModuleLoadData") }
        var kernels: [String: CUDAKernel] = [:]
        for name in names {
            var function: OpaquePointer?
            try driver.check(driver.moduleFunction(&function, module, name), "cuModuleGetFunction(\(name))")
            kernels[name] = CUDAKernel(name: name, function: function, driver: driver)
        }
        return kernels
    }

    /// Waits for every launched kernel; a kernel's failure surfaces here.
    func synchronize() throws { try driver.bind(); try driver.check(driver.synchronize(), "cuCtxSynchronize") }
}

/// One kernel of a loaded module.
struct CUDAKernel: @unchecked Sendable {
    let name: String
    let function: OpaquePointer?
    let driver: CUDADriver

    /// Launches `grid × block` threads with `arguments` (each a device
    /// pointer, Int32 or Float, in the kernel's parameter order).
    func launch(grid: (Int, Int, Int), block: (Int, Int, Int), sharedBytes: Int = 0, _ arguments: [KernelArgument]) throws {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 8 * arguments.count, alignment: 8)
        defer { storage.deallocate() }
        var pointers = arguments.enumerated().map { i, argument -> UnsafeMutableRawPointer? in
            argument.store(at: storage + 8 * i)
            return storage + 8 * i
        }
        try driver.bind()
        try driver.check(driver.launch(function, UInt32(grid.0), UInt32(grid.1), UInt32(grid.2), UInt32(block.0), UInt32(block.1),
                                       UInt32(block.2), UInt32(sharedBytes), nil, &pointers, nil), "cuLaunchKernel(\(name))")
    }
}

/// A kernel parameter.
enum KernelArgument {
    case pointer(CUDADriver.Pointer)
    case int(Int32)
    case float(Float)

    /// Writes the value into an 8-byte slot: cuLaunchKernel takes one pointer per parameter.
    func store(at p: UnsafeMutableRawPointer) {
        switch self {
        case .pointer(let v): p.storeBytes(of: v, as: UInt64.self)
        case .int(let v): p.storeBytes(of: v, as: Int32.self)
        case .float(let v): p.storeBytes(of: v, as: Float.self)
        }
    }
}

/// GPU memory, freed with the object.
final class DeviceBuffer: @unchecked Sendable {
    let address: CUDADriver.Pointer
    let bytes: Int
    private let driver: CUDADriver

    init(bytes: Int, driver: CUDADriver) throws {
        var address: CUDADriver.Pointer = 0
        try driver.bind()
        try driver.check(driver.allocate(&address, max(bytes, 1)), "cuMemAlloc(\(bytes) bytes)")
        self.address = address
        self.bytes = bytes
        self.driver = driver
    }

    deinit { _ = driver.free(address) }

    func upload(_ source: UnsafeRawPointer, bytes count: Int, offset: Int = 0) throws {
        try driver.bind()
        try driver.check(driver.copyToDevice(address + UInt64(offset), source, count), "cuMemcpyHtoD")
    }

    func download(into target: UnsafeMutableRawPointer, bytes count: Int, offset: Int = 0) throws {
        try driver.bind()
        try driver.check(driver.copyToHost(target, address + UInt64(offset), count), "cuMemcpyDtoH")
    }

    var argument: KernelArgument { .pointer(address) }
}
