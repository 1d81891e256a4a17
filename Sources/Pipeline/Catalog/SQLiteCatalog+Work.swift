import Foundation
import GGUF
import GRDB

/// Handing out a run's documents: each claim, renewal and commit is one
/// write transaction (IMMEDIATE, GRDB's default for writes), so processes
/// sharing the file take turns.
extension SQLiteCatalog {
    public func enqueue(_ items: [WorkItem]) throws {
        try database.write { db in for item in items { try item.insert(db) } }
    }

    public func claim(runID: Int64, worker: String, lease: TimeInterval, maxAttempts: Int) throws -> WorkClaim? {
        try database.write { db -> WorkClaim? in
            let now = Date().timeIntervalSince1970
            while let item = try WorkItem.fetchOne(db, sql: """
                SELECT * FROM work WHERE runID = ? AND (state = 'pending' OR (state = 'claimed' AND leaseUntil < ?))
                ORDER BY position LIMIT 1
                """, arguments: [runID, now]) {
                var next = item
                if item.state == .claimed && item.attempts >= maxAttempts {
                    next.give(up: maxAttempts)
                    try next.update(db)
                    continue
                }
                next.claim(by: worker, until: now + lease)
                try next.update(db)
                return WorkClaim(item: next)
            }
            return nil
        }
    }

    public func renew(_ claim: WorkClaim, lease: TimeInterval) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "UPDATE work SET leaseUntil = ? WHERE runID = ? AND position = ? AND token = ? AND state = 'claimed'",
                           arguments: [Date().timeIntervalSince1970 + lease, claim.item.runID, claim.item.position, claim.token])
            return db.changesCount == 1
        }
    }

    public func release(_ claim: WorkClaim) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE work SET state = 'pending', token = NULL, leaseUntil = NULL
                WHERE runID = ? AND position = ? AND token = ? AND state = 'claimed'
                """, arguments: [claim.item.runID, claim.item.position, claim.token])
        }
    }

    public func complete(_ claim: WorkClaim, entry: BatchEntry, commit: ResultCommit?) throws {
        try database.write { db in
            guard var item = try WorkItem.fetchOne(db, key: ["runID": claim.item.runID, "position": claim.item.position]) else {
                throw WorkRefusal.leaseLost(document: claim.item.relativePath)
            }
            try item.checkCommit(by: claim)
            if let commit { try Self.record(commit, in: db) }
            try item.finish(with: entry)
            try item.update(db)
        }
    }

    public func work(runID: Int64) throws -> [WorkItem] {
        try database.read { try WorkItem.filter(Column("runID") == runID).order(Column("position")).fetchAll($0) }
    }
}

extension WorkItem {
    /// Claimed by `worker` until `leaseUntil`, under a new token.
    public mutating func claim(by worker: String, until leaseUntil: Double) {
        state = .claimed
        self.worker = worker
        token = UUID().uuidString
        self.leaseUntil = leaseUntil
        attempts += 1
    }

    /// Done as failed: its workers were lost `attempts` times while on it.
    public mutating func give(up attempts: Int) {
        let entry = BatchEntry(document: relativePath, status: .failed,
                               error: "its worker was lost \(attempts) times while summarizing it (killed, out of memory, "
                                   + "or its node went down); not tried again in this run")
        try? finish(with: entry)
    }

    /// Done with `entry` as its outcome.
    public mutating func finish(with entry: BatchEntry) throws {
        state = .done
        token = nil
        leaseUntil = nil
        self.entry = try JSONFormat.line(entry)
    }

    /// Throws unless `claim` still holds this item.
    public func checkCommit(by claim: WorkClaim) throws {
        if state == .done { throw WorkRefusal.alreadyDone(document: relativePath) }
        guard state == .claimed, token == claim.token else { throw WorkRefusal.leaseLost(document: relativePath) }
    }
}
