import Dispatch
import Testing

/// Runs each test of a suite on a thread of its own instead of Swift's
/// shared pool. For tests that start programs through `ChildProcess`, which
/// blocks its caller and needs a free pool thread to finish: two such tests
/// blocking the two pool threads of a two-core machine would wait forever.
struct OwnThreadTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func scopeProvider(for test: Test, testCase: Test.Case?) -> OwnThreadTrait? {
        testCase == nil ? nil : self
    }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try await withTaskExecutorPreference(SerialQueueExecutor()) { try await function() }
    }
}

extension Trait where Self == OwnThreadTrait {
    /// Runs the test (each test of the suite) on a thread outside Swift's pool.
    static var ownThread: Self { OwnThreadTrait() }
}

/// A task executor whose jobs run one at a time on a private serial queue,
/// which has a thread of its own however busy Swift's pool is.
final class SerialQueueExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "precis.tests.own-thread")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
