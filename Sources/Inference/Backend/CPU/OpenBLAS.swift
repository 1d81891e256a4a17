import CBLAS
import Foundation

/// OpenBLAS setup: the engine parallelizes around BLAS calls itself, so BLAS
/// must not spawn threads of its own on top; and its kernel choice must suit
/// the CPU (see `selectKernels`).
enum OpenBLAS {
    nonisolated(unsafe) private static var configured = false

    /// Chooses kernels (once) and turns off OpenBLAS's own threading.
    static func useSingleThread() {
        if configured { return }
        selectKernels()
        openblas_set_num_threads(1)
        configured = true
    }

    /// Kernel sets too old for a CPU with AVX2 + FMA: what a `DYNAMIC_ARCH`
    /// OpenBLAS falls back to when it does not know the CPU model (0.3.21
    /// picks Prescott, SSE3 only, on Sapphire/Emerald Rapids), which makes
    /// sgemm about 5× slower than it should be.
    static let fallbackCores: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "sandybridge"]

    /// Re-runs OpenBLAS's dynamic kernel selection with `OPENBLAS_CORETYPE`
    /// set from the CPU's features (AVX-512 F/BW/DQ/VL: SkylakeX; AVX2 + FMA:
    /// Haswell) when the library chose a fallback kernel set. Leaves an
    /// explicit `OPENBLAS_CORETYPE`, and builds without dynamic selection,
    /// alone. Must run before the first BLAS call.
    static func selectKernels() {
        #if os(Linux)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let current = openblas_get_corename().map({ String(cString: $0).lowercased() }),
              fallbackCores.contains(current),
              let wanted = preferredCore(flags: cpuFlags()), wanted.lowercased() != current,
              let quit = dlsym(nil, "gotoblas_dynamic_quit"), let initialize = dlsym(nil, "gotoblas_dynamic_init")
        else { return }
        typealias Hook = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", wanted, 1)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(initialize, to: Hook.self)()
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }

    /// The OpenBLAS core type whose kernels `flags` (from /proc/cpuinfo) support.
    static func preferredCore(flags: Set<String>) -> String? {
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The `flags` line of /proc/cpuinfo (first CPU), or empty where unreadable.
    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
