import CBLAS

/// OpenBLAS threading control: the engine parallelizes around BLAS calls
/// itself, so BLAS must not spawn threads of its own on top.
enum OpenBLAS {
    nonisolated(unsafe) private static var configured = false

    static func useSingleThread() {
        if configured { return }
        openblas_set_num_threads(1)
        configured = true
    }
}
