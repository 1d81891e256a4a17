import Foundation

/// NVIDIA's run-time CUDA compiler (`libnvrtc`), loaded at run time: kernel
/// sources become a cubin for the GPU at hand, so no CUDA is needed to build.
final class NVRTC: @unchecked Sendable {
    typealias Result = Int32

    let library: DynamicLibrary
    private let version: @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result
    private let create: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>, UnsafePointer<CChar>, Int32,
                                        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    private let compileProgram: @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Result
    private let logSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result
    private let log: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result
    private let cubinSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Result
    private let cubin: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Result
    private let destroy: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Result

    /// The library names tried, `$PRECIS_NVRTC` first (a path, e.g. inside
    /// PyPI's nvidia-cuda-nvrtc wheel).
    static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        [environment["PRECIS_NVRTC"]].compactMap { $0 } + ["libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12"]
    }

    init(candidates: [String] = NVRTC.candidates()) throws {
        let l = try DynamicLibrary(firstOf: candidates)
        library = l
        version = try l.function("nvrtcVersion", as: type(of: version))
        create = try l.function("nvrtcCreateProgram", as: type(of: create))
        compileProgram = try l.function("nvrtcCompileProgram", as: type(of: compileProgram))
        logSize = try l.function("nvrtcGetProgramLogSize", as: type(of: logSize))
        log = try l.function("nvrtcGetProgramLog", as: type(of: log))
        cubinSize = try l.function("nvrtcGetCUBINSize", as: type(of: cubinSize))
        cubin = try l.function("nvrtcGetCUBIN", as: type(of: cubin))
        destroy = try l.function("nvrtcDestroyProgram", as: type(of: destroy))
    }

    /// Options of every compile besides the architecture; part of the cache key.
    /// No fast math: RoPE's angles reach 1e5 radians, where fast `sincosf` is off.
    static let options = ["--std=c++17", "-default-device"]

    /// The compiler's version, e.g. "12.9"; part of the kernel cache's key.
    var versionText: String {
        var major: Int32 = 0, minor: Int32 = 0
        _ = version(&major, &minor)
        return "\(major).\(minor)"
    }

    /// Compiles `source` (named `name` in messages) for `architecture`
    /// (`sm_90`) and returns the cubin; the error carries the compiler's log.
    func compile(_ source: String, name: String, architecture: String) throws -> [UInt8] {
        var program: OpaquePointer?
        try check(create(&program, source, name + ".cu", 0, nil, nil), name, program)
        defer { _ = destroy(&program) }
        let options = ["--gpu-architecture=\(architecture)"] + Self.options
        let pointers = options.map { strdup($0) }
        defer { pointers.forEach { Foundation.free($0) } }
        let result = pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer {
            compileProgram(program, Int32(options.count), $0.baseAddress)
        }
        try check(result, name, program)
        var size = 0
        try check(cubinSize(program, &size), name, program)
        var bytes = [CChar](repeating: 0, count: size)
        try check(cubin(program, &bytes), name, program)
        return bytes.map { UInt8(bitPattern: $0) }
    }

    private func check(_ result: Result, _ name: String, _ program: OpaquePointer?) throws {
        guard result != 0 else { return }
        throw CUDAError.compile(kernel: name, log: program.map(programLog) ?? "NVRTC error \(result)")
    }

    private func programLog(_ program: OpaquePointer) -> String {
        var size = 0
        guard logSize(program, &size) == 0, size > 1 else { return "no log" }
        var text = [CChar](repeating: 0, count: size)
        _ = log(program, &text)
        return text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
