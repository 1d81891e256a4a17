import Foundation
import Synchronization

/// A fixed set of threads that run one job at a time, each on its own slice.
///
/// Decoding issues hundreds of small parallel jobs per token, so dispatch
/// cost matters: workers spin briefly on a generation counter before they
/// sleep, and the caller takes slice 0 itself.
public final class WorkerPool: @unchecked Sendable {
    /// Shared pool sized to the machine's cores (`PRECIS_THREADS` overrides).
    public static let shared = WorkerPool(threads: defaultThreadCount())

    public let threadCount: Int
    private let generation = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
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
                pthread_mutex_lock(&mutex)
                generation.add(1, ordering: .releasing)
                pthread_cond_broadcast(&condition)
                pthread_mutex_unlock(&mutex)
                escaping(0)
                while remaining.load(ordering: .acquiring) > 0 {}
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
            job?(index)
            remaining.subtract(1, ordering: .releasing)
        }
    }
}
