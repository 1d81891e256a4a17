import Foundation

/// A shared library opened at run time, so that a machine without it (no
/// GPU, no CUDA toolkit) builds and runs exactly as one with it.
final class DynamicLibrary: @unchecked Sendable {
    /// The name it was opened by.
    let name: String
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `candidates` the loader finds; the error names them all.
    init(firstOf candidates: [String]) throws {
        var reasons: [String] = []
        for candidate in candidates {
            if let handle = dlopen(candidate, RTLD_NOW | RTLD_LOCAL) {
                self.name = candidate
                self.handle = handle
                return
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "\(candidate): not found")
        }
        throw DynamicLibraryError.notFound(candidates: candidates, reasons: reasons)
    }

    /// The function `symbol`, as `type` (a `@convention(c)` function type).
    func function<F>(_ symbol: String, as type: F.Type) throws -> F {
        guard let address = dlsym(handle, symbol) else { throw DynamicLibraryError.missingSymbol(library: name, symbol: symbol) }
        return unsafeBitCast(address, to: type)
    }
}

/// Why a run-time library could not be used.
enum DynamicLibraryError: Error, CustomStringConvertible, Equatable {
    case notFound(candidates: [String], reasons: [String])
    case missingSymbol(library: String, symbol: String)

    var description: String {
        switch self {
        case .notFound(let candidates, let reasons):
            return "none of \(candidates.joined(separator: ", ")) could be loaded (\(reasons.first ?? "not found"))"
        case .missingSymbol(let library, let symbol):
            return "\(library) has no \(symbol); it is older than this program needs"
        }
    }
}
