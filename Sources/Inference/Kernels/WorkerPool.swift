import Foundation
import Synchronization

/// A fixed set of threads that run one job at a time, each on its own slice.
///
/// Decoding issues hundreds of small parallel jobs per token, so dispatch
/// cost matters: workers spin briefly on a generation counter before they
/// sleep, and the caller takes slice 0 itself.
///
/// Two kinds of job: `run` calls every slice exactly once, so the caller
/// waits for every worker; `forEachChunk` hands out chunks from a shared
/// counter and workers only help, so on a busy machine a worker that is not
/// scheduled in time is simply not waited for (the caller and the running
/// workers take its chunks).
public final class WorkerPool: @unchecked Sendable {
    /// Shared pool sized to the machine's cores (`PRECIS_THREADS` overrides).
    public static let shared = WorkerPool(threads: defaultThreadCount())

    public let threadCount: Int
    /// Job number × 2, plus 1 for jobs that workers may skip.
    private let generation = Atomic<Int>(0)
    /// Workers still to finish the current `run` job.
    private let remaining = Atomic<Int>(0)
    /// The optional job that accepts helpers (its generation), or 0 once closed.
    private let gate = Atomic<Int>(0)
    /// Workers inside (or checking the gate of) an optional job.
    private let helping = Atomic<Int>(0)
    /// Next chunk of the current `forEachChunk` job.
    private let nextChunk = Atomic<Int>(0)
    private var job: ((Int) -> Void)?
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private let busy = Mutex<Void>(())

    public init(threads: Int) {
        threadCount = max(1, threads)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
        for index in 1..<threadCount {
            let thread = Thread { [unowned self] in self.workerLoop(index: index) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    static func defaultThreadCount() -> Int {
        if let s = ProcessInfo.processInfo.environment["PRECIS_THREADS"], let n = Int(s), n > 0 { return n }
        return ProcessInfo.processInfo.activeProcessorCount
    }

    /// Calls `body(i)` for every `i` in `0..<threadCount` in parallel and
    /// returns when all calls have finished.
    public func run(_ body: (Int) -> Void) {
        if threadCount == 1 { body(0); return }
        busy.withLock { _ in
            withoutActuallyEscaping(body) { escaping in
                job = escaping
                remaining.store(threadCount - 1, ordering: .releasing)
                publish(nextGeneration(optional: false))
                escaping(0)
                Self.wait { remaining.load(ordering: .acquiring) == 0 }
                job = nil
            }
        }
    }

    /// Splits `0..<count` into one contiguous range per thread (aligned to
    /// `granularity`) and runs `body` on each non-empty range in parallel.
    public func parallelFor(_ count: Int, granularity: Int = 1, _ body: (Range<Int>) -> Void) {
        let g = max(1, granularity)
        let units = (count + g - 1) / g
        if threadCount == 1 || units < 2 { if count > 0 { body(0..<count) }; return }
        let n = threadCount
        run { i in
            let lo = min(count, units * i / n * g)
            let hi = min(count, units * (i + 1) / n * g)
            if lo < hi { body(lo..<hi) }
        }
    }

    /// Calls `body(range, thread)` for consecutive ranges of `chunk` items
    /// covering `0..<count`, claimed one at a time by whichever threads are
    /// running; `thread` (< `threadCount`) names the calling thread, for
    /// per-thread scratch. Returns when every range is done.
    public func forEachChunk(_ count: Int, chunk: Int, _ body: (Range<Int>, Int) -> Void) {
        let size = max(1, chunk)
        let chunks = (count + size - 1) / size
        if threadCount == 1 || chunks < 2 { if count > 0 { body(0..<count, 0) }; return }
        busy.withLock { _ in
            withoutActuallyEscaping(body) { body in
                nextChunk.store(0, ordering: .relaxed)
                job = { [unowned self] thread in
                    while true {
                        let c = nextChunk.add(1, ordering: .relaxed).oldValue
                        if c >= chunks { return }
                        body((c * size)..<min(count, (c + 1) * size), thread)
                    }
                }
                let g = nextGeneration(optional: true)
                gate.store(g, ordering: .sequentiallyConsistent)
                publish(g)
                job?(0)
                // Helpers that have not passed the gate yet will skip the job;
                // those that have are waited for.
                gate.store(0, ordering: .sequentiallyConsistent)
                Self.wait { helping.load(ordering: .sequentiallyConsistent) == 0 }
                job = nil
            }
        }
    }

    /// The number of the next job: even when every worker must run it, odd
    /// when workers may skip it.
    private func nextGeneration(optional: Bool) -> Int {
        (generation.load(ordering: .relaxed) | 1) + (optional ? 2 : 1)
    }

    /// Wakes the workers for job `g`.
    private func publish(_ g: Int) {
        pthread_mutex_lock(&mutex)
        generation.store(g, ordering: .releasing)
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Spins until `done`, yielding the CPU now and then so that a worker
    /// waiting for a core (on a loaded machine) can get it.
    @inline(__always) private static func wait(until done: () -> Bool) {
        var spins = 0
        while !done() {
            spins += 1
            if spins & 255 == 0 { sched_yield() }
        }
    }

    private func workerLoop(index: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < 50_000 { continue }
                pthread_mutex_lock(&mutex)
                while generation.load(ordering: .acquiring) == seen { pthread_cond_wait(&condition, &mutex) }
                pthread_mutex_unlock(&mutex)
            }
            seen = generation.load(ordering: .acquiring)
            if seen & 1 == 0 {
                job?(index)
                remaining.subtract(1, ordering: .releasing)
            } else {
                // Announce first, then check the gate: the caller closes the
                // gate before it reads `helping`, so either it waits for us or
                // we see the gate closed and leave the job alone.
                helping.add(1, ordering: .sequentiallyConsistent)
                if gate.load(ordering: .sequentiallyConsistent) == seen { job?(index) }
                helping.subtract(1, ordering: .sequentiallyConsistent)
            }
        }
    }
}
