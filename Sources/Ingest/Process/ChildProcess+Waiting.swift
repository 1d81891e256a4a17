import Dispatch
import Foundation

extension ChildProcess {
    /// Runs `work` to completion and blocks the calling thread until it is done.
    ///
    /// The work prefers a task executor of its own, a private serial queue,
    /// whose thread is never one of Swift's shared pool. swift-subprocess
    /// still starts an unstructured task on that pool for each run, so the
    /// caller must not be a pool thread when every other pool thread may be
    /// blocked too (see `ChildProcess`).
    static func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: QueueExecutor()) {
            do { outcome.set(.success(try await work())) } catch { outcome.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try outcome.get()
    }

    /// Suspends for `seconds` or until the task is cancelled, whichever comes
    /// first. Timed on a private serial queue, so it needs no thread of Swift's pool.
    static func sleep(seconds: Double) async {
        let wake = Wake()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                wake.arm(continuation)
                timerQueue.asyncAfter(deadline: .now() + max(seconds, 0)) { wake.fire() }
            }
        } onCancel: {
            wake.fire()
        }
    }
}

/// Where time limits are kept: a serial queue has a thread of its own even
/// when Swift's pool and the global queues are busy.
private let timerQueue = DispatchQueue(label: "precis.child-process.timer")

/// Runs every job it is given, one at a time, on a private serial queue.
private final class QueueExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "precis.child-process")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The result handed from the task back to the blocked caller.
private final class Outcome<T: Sendable>: @unchecked Sendable {  // guarded by lock
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.withLock { result = value }
    }

    func get() throws -> T {
        try lock.withLock { result! }.get()
    }
}

/// A continuation resumed exactly once, by whichever of timer and
/// cancellation comes first (cancellation may even come before it is armed).
private final class Wake: @unchecked Sendable {  // guarded by lock
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var fired = false

    func arm(_ c: CheckedContinuation<Void, Never>) {
        let resumeNow = lock.withLock {
            if fired { return true }
            continuation = c
            return false
        }
        if resumeNow { c.resume() }
    }

    func fire() {
        let c: CheckedContinuation<Void, Never>? = lock.withLock {
            fired = true
            defer { continuation = nil }
            return continuation
        }
        c?.resume()
    }
}
