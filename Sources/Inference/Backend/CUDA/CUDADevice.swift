import Foundation

/// One GPU as the driver describes it: what the device line says and what
/// the kernel compiler targets.
public struct CUDADevice: Sendable, Equatable, CustomStringConvertible {
    public let ordinal: Int
    public let name: String
    /// Compute capability, e.g. (9, 0) for Hopper.
    public let capability: (major: Int, minor: Int)
    public let memoryBytes: Int

    /// The architecture NVRTC compiles for, e.g. `sm_90`.
    public var architecture: String { "sm_\(capability.major)\(capability.minor)" }

    public var description: String {
        String(format: "%@ (%@, %.0f GiB)", name, architecture, Double(memoryBytes) / Double(1 << 30))
    }

    public static func == (a: CUDADevice, b: CUDADevice) -> Bool {
        a.ordinal == b.ordinal && a.name == b.name && a.capability == b.capability && a.memoryBytes == b.memoryBytes
    }

    /// GPU `ordinal` as `driver` reports it.
    static func describe(_ ordinal: Int, driver: CUDADriver) throws -> CUDADevice {
        var handle: CUDADriver.Device = 0
        try driver.check(driver.device(&handle, Int32(ordinal)), "cuDeviceGet")
        var name = [CChar](repeating: 0, count: 256)
        try driver.check(driver.deviceName(&name, Int32(name.count), handle), "cuDeviceGetName")
        var major: Int32 = 0, minor: Int32 = 0, bytes = 0
        try driver.check(driver.deviceAttribute(&major, 75, handle), "cuDeviceGetAttribute")  // COMPUTE_CAPABILITY_MAJOR
        try driver.check(driver.deviceAttribute(&minor, 76, handle), "cuDeviceGetAttribute")  // COMPUTE_CAPABILITY_MINOR
        try driver.check(driver.deviceMemory(&bytes, handle), "cuDeviceTotalMem")
        let text = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return CUDADevice(ordinal: ordinal, name: text, capability: (Int(major), Int(minor)), memoryBytes: bytes)
    }
}
