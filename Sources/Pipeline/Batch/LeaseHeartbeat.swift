import Foundation

/// Renews a claim's lease on a thread of its own while its worker
/// summarizes, every third of the lease, until stopped. A renewal that
/// finds the claim lost (the catalog was unreachable past the lease and
/// another worker took the document over) is remembered; the worker's
/// commit is then refused anyway.
final class LeaseHeartbeat: @unchecked Sendable {  // state guarded by `condition`
    private let condition = NSCondition()
    private var stopped = false
    private var renewalFailed = false

    /// A renewal found the claim taken over.
    var lost: Bool {
        condition.lock()
        defer { condition.unlock() }
        return renewalFailed
    }

    init(catalog: any CatalogStore, claim: WorkClaim, lease: TimeInterval, warn: @escaping @Sendable (String) -> Void) {
        Thread.detachNewThread { [self] in
            condition.lock()
            while !stopped {
                _ = condition.wait(until: Date().addingTimeInterval(lease / 3))
                guard !stopped else { break }
                condition.unlock()
                let renewed: Bool
                do { renewed = try catalog.renew(claim, lease: lease) } catch {
                    warn("cannot renew the claim on \(claim.item.relativePath) in \(catalog.location): \(error)")
                    renewed = true  // not known to be lost; tried again at the next beat
                }
                condition.lock()
                if !renewed { renewalFailed = true }
            }
            condition.unlock()
        }
    }

    /// Stops renewing (before the outcome is committed or the claim released).
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}
