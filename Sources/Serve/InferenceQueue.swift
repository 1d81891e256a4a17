import Dispatch
import Foundation

/// Runs model work one job at a time on its own thread, in arrival order:
/// the engine computes one sequence at a time, so requests wait their turn
/// here instead of competing for the cores. A job whose client has gone is
/// dropped before it starts, and a running one is told to stop.
public final class InferenceQueue: @unchecked Sendable {
    private let queue = DispatchQueue(label: "precis.serve.inference", qos: .userInitiated)
    private let lock = NSLock()
    private var pending = 0, dropped = 0
    /// Jobs allowed to wait at once; more are refused (`ServeError.busy`).
    public let capacity: Int

    public init(capacity: Int = 64) { self.capacity = capacity }

    /// Jobs waiting or running.
    public var depth: Int { lock.withLock { pending } }
    /// Jobs whose consumer had gone before they could start.
    public var droppedJobs: Int { lock.withLock { dropped } }

    /// Streams what `work` emits. `work` runs on the queue's thread and gets
    /// a flag that turns true when the consumer stops listening (the
    /// stream ends, or `QueuedStream.stop` is set).
    public func stream<Event: Sendable>(
        stop stopped: StopFlag = StopFlag(),
        _ work: @escaping @Sendable (_ emit: @escaping @Sendable (Event) -> Void, _ stopped: StopFlag) throws -> Void
    ) throws -> QueuedStream<Event> {
        try reserve()
        let (stream, continuation) = AsyncThrowingStream<Event, any Error>.makeStream(bufferingPolicy: .unbounded)
        continuation.onTermination = { _ in stopped.set() }
        queue.async { [self] in
            defer { release() }
            guard !stopped.isSet else {
                lock.withLock { dropped += 1 }
                return continuation.finish()
            }
            do {
                try work({ continuation.yield($0) }, stopped)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return QueuedStream(events: stream, stop: stopped)
    }

    /// Runs `work` on the queue's thread and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try reserve()
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                defer { release() }
                continuation.resume(with: Result { try work() })
            }
        }
    }

    private func reserve() throws {
        try lock.withLock {
            guard pending < capacity else { throw ServeError.busy(waiting: pending) }
            pending += 1
        }
    }

    private func release() { lock.withLock { pending -= 1 } }
}

/// A queued job's events, and the flag that stops it.
public struct QueuedStream<Event: Sendable>: Sendable {
    public let events: AsyncThrowingStream<Event, any Error>
    /// Set it when nobody listens any more: the job stops at its next token.
    public let stop: StopFlag
}

/// A flag one side sets and the other polls: "the client has gone".
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    public init() {}

    public var isSet: Bool { lock.withLock { value } }
    public func set() { lock.withLock { value = true } }
}
