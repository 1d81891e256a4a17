import Foundation
import Pipeline
import PostgresNIO

/// Handing out a run's documents across machines: a claim locks the first
/// claimable row with `FOR UPDATE SKIP LOCKED`, so concurrent workers each
/// take a different document without waiting on one another; leases are
/// timed by the server's clock.
extension PostgresCatalog {
    /// The server's clock, in seconds since 1970.
    static let now = #"extract(epoch FROM clock_timestamp())::double precision"#

    public func enqueue(_ items: [WorkItem]) throws {
        try link.transaction { tx in
            for start in stride(from: 0, to: items.count, by: 500) {
                try tx.insert(Array(items[start..<min(start + 500, items.count)]), into: "work")
            }
        }
    }

    public func claim(runID: Int64, worker: String, lease: TimeInterval, maxAttempts: Int) throws -> WorkClaim? {
        try link.transaction { tx -> WorkClaim? in
            while let row = try tx.query("""
                SELECT row_to_json(w)::text, \(unescaped: Self.now) FROM "work" w
                WHERE "runID" = \(runID) AND ("state" = 'pending' OR ("state" = 'claimed' AND "leaseUntil" < \(unescaped: Self.now)))
                ORDER BY "position" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).first {
                let (json, now) = try row.decode((String, Double).self)
                var item = try PostgresRowCoding.decoder.decode(WorkItem.self, from: Data(json.utf8))
                if item.state == .claimed && item.attempts >= maxAttempts {
                    item.give(up: maxAttempts)
                    try tx.upsert(item, into: "work", key: ["runID", "position"])
                    continue
                }
                item.claim(by: worker, until: now + lease)
                try tx.upsert(item, into: "work", key: ["runID", "position"])
                return WorkClaim(item: item)
            }
            return nil
        }
    }

    public func renew(_ claim: WorkClaim, lease: TimeInterval) throws -> Bool {
        try link.changes("""
            UPDATE "work" SET "leaseUntil" = \(unescaped: Self.now) + \(lease)
            WHERE "runID" = \(claim.item.runID) AND "position" = \(claim.item.position)
              AND "token" = \(claim.token) AND "state" = 'claimed'
            """) == 1
    }

    public func release(_ claim: WorkClaim) throws {
        try link.query("""
            UPDATE "work" SET "state" = 'pending', "token" = NULL, "leaseUntil" = NULL
            WHERE "runID" = \(claim.item.runID) AND "position" = \(claim.item.position)
              AND "token" = \(claim.token) AND "state" = 'claimed'
            """)
    }

    public func complete(_ claim: WorkClaim, entry: BatchEntry, commit: ResultCommit?) throws {
        try link.transaction { tx in
            guard var item = try tx.fetchOne(WorkItem.self, """
                SELECT row_to_json(w)::text FROM "work" w
                WHERE "runID" = \(claim.item.runID) AND "position" = \(claim.item.position) FOR UPDATE
                """) else { throw WorkRefusal.leaseLost(document: claim.item.relativePath) }
            try item.checkCommit(by: claim)
            if let commit { try Self.record(commit, in: tx) }
            try item.finish(with: entry)
            try tx.upsert(item, into: "work", key: ["runID", "position"])
        }
    }

    public func work(runID: Int64) throws -> [WorkItem] {
        try link.fetch(WorkItem.self, #"SELECT row_to_json(w)::text FROM "work" w WHERE "runID" = \#(runID) ORDER BY "position""#)
    }
}
