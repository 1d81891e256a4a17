import Dispatch

/// Work that blocks (catalog reads, summary files, ingesting a document
/// for a cited passage) runs on a dispatch thread, so the threads that
/// serve connections and stream answers are never held up by it.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
