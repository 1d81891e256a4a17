import Foundation

/// Where the engine runs, as asked for on the command line (`--device`).
public enum DeviceRequest: String, CaseIterable, Sendable {
    case cpu, cuda, auto
}

/// Where the engine runs, and why: what the device line tells the user.
public enum ComputeDevice: Sendable, Equatable, CustomStringConvertible {
    case cpu(reason: String)
    case cuda(CUDADevice)

    public var description: String {
        switch self {
        case .cpu(let reason): return "device: cpu (\(reason))"
        case .cuda(let device): return "device: cuda, GPU \(device.ordinal): \(device)"
        }
    }

    /// Resolves `request`: `cuda` must find a GPU (else it throws, saying
    /// why), `auto` takes one when the driver sees it, `cpu` never looks.
    public static func resolve(_ request: DeviceRequest) throws -> ComputeDevice {
        switch request {
        case .cpu: return .cpu(reason: "asked for")
        case .cuda: return .cuda(try firstGPU())
        case .auto:
            do { return .cuda(try firstGPU()) } catch { return .cpu(reason: "no usable GPU: \(error)") }
        }
    }

    /// GPU 0 as the driver reports it.
    static func firstGPU() throws -> CUDADevice {
        let driver = try CUDADriver()
        guard try driver.count() > 0 else { throw CUDAError.noDevice }
        return try CUDADevice.describe(0, driver: driver)
    }
}
