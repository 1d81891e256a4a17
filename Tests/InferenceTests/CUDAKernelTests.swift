import Foundation
import GGUF
import GGUFWriting
import Testing
@testable import Inference

/// The CUDA kernels' sources compile with NVRTC (`make test` installs PyPI's
/// NVRTC wheel and names it in `$PRECIS_NVRTC`; no GPU is needed to compile).
@Suite("CUDA kernels compile", .enabled(if: CUDATestSupport.compiler != nil, "needs NVRTC (make test-deps installs it)"))
struct CUDAKernelCompileTests {
    @Test("every kernel source compiles for Hopper to a cubin, once: the second time comes from the cache",
          arguments: CUDAKernels.sources.map(\.0))
    func compiles(_ name: String) throws {
        let (_, source, kernels) = try #require(CUDAKernels.sources.first { $0.0 == name })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("precis-cuda-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = KernelCache(directory: directory, compiler: try #require(CUDATestSupport.compiler))
        let cubin = try cache.cubin(source, name: name, architecture: "sm_90")
        #expect(Array(cubin.prefix(4)) == [0x7f, 0x45, 0x4c, 0x46])  // an ELF image
        let text = String(decoding: cubin, as: UTF8.self)
        for kernel in kernels { #expect(text.contains(kernel), "\(kernel) is not in the cubin") }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("sm_90").path)
        #expect(files.count == 1 && files[0].hasPrefix(name) && files[0].hasSuffix(".cubin"))
        #expect(try cache.cubin(source, name: name, architecture: "sm_90") == cubin)
    }

    @Test("a source that does not compile is refused with the compiler's log, naming the kernel")
    func compileError() throws {
        let compiler = try #require(CUDATestSupport.compiler)
        #expect {
            _ = try compiler.compile("extern \"C\" __global__ void broken(float* x) { x[0] = undefined_name; }",
                                     name: "broken", architecture: "sm_90")
        } throws: { error in
            guard case CUDAError.compile(let kernel, let log) = error else { return false }
            return kernel == "broken" && log.contains("undefined_name")
        }
    }
}

/// `--device` resolution on this machine: `cpu` never looks, `auto` falls
/// back to the CPU and says why, `cuda` without a GPU is an error that says why.
@Suite("Compute device")
struct ComputeDeviceTests {
    @Test("cpu, auto and cuda resolve to what the machine has, with the reason in the device line")
    func resolve() throws {
        #expect(try ComputeDevice.resolve(.cpu) == .cpu(reason: "asked for"))
        let auto = try ComputeDevice.resolve(.auto)
        if CUDATestSupport.gpu == nil {
            guard case .cpu(let reason) = auto else { Issue.record("auto took a GPU on a machine without one"); return }
            #expect(reason.hasPrefix("no usable GPU: ") && "\(auto)".hasPrefix("device: cpu ("))
            #expect(throws: (any Error).self) { try ComputeDevice.resolve(.cuda) }
        } else {
            guard case .cuda(let device) = auto else { Issue.record("auto did not take the GPU"); return }
            #expect(device.architecture.hasPrefix("sm_") && device.memoryBytes > 0)
            #expect("\(auto)".hasPrefix("device: cuda, GPU 0: "))
        }
    }

    @Test("a library that is not there is named in the error")
    func missingLibrary() {
        #expect {
            _ = try DynamicLibrary(firstOf: ["libprecis-no-such-library.so", "libprecis-nor-this.so.1"])
        } throws: { error in
            "\(error)".contains("libprecis-no-such-library.so, libprecis-nor-this.so.1") && error is DynamicLibraryError
        }
    }
}

enum CUDATestSupport {
    static let compiler: NVRTC? = try? NVRTC()
    static let gpu: CUDAContext? = (try? CUDADriver()).flatMap { try? CUDAContext(driver: $0) }
}
