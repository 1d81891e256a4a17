import Foundation
import GGUF
import GRDB

/// One document of a run, handed to one worker at a time: pending, claimed
/// under a lease that its worker renews, or done with its outcome. A claim
/// whose lease runs out (its worker was killed, its node lost) is handed to
/// another worker; the outcome is committed once.
public struct WorkItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "work"
    public enum State: String, Codable, Sendable { case pending, claimed, done }
    public var runID: Int64
    /// Order in the run (discovery order).
    public var position: Int
    /// The document's absolute path.
    public var path: String
    /// The input directory it was found under.
    public var root: String
    public var relativePath: String
    public var named: Bool
    public var linkNotFollowed: Bool
    /// Why it is not summarized when another input has its relative path.
    public var collision: String?
    /// Its size when discovered (for estimates of the time left).
    public var bytes: Int
    public var state: State
    /// `host:pid` of the worker holding or last holding it.
    public var worker: String?
    /// Identifies the current claim: a worker whose lease was taken over
    /// holds a stale token, so its commit is refused.
    public var token: String?
    /// When the claim's lease ends, in seconds since 1970 on the catalog's clock.
    public var leaseUntil: Double?
    /// How many times it was claimed.
    public var attempts: Int
    /// The `BatchEntry` JSON once done.
    public var entry: String?

    /// A pending item for `document`, `position`-th of run `runID`.
    public init(runID: Int64, position: Int, document: DiscoveredDocument, collision: String?, bytes: Int) {
        self.runID = runID
        self.position = position
        path = document.url.standardizedFileURL.path
        root = document.root.standardizedFileURL.path
        relativePath = document.relativePath
        named = document.named
        linkNotFollowed = document.linkNotFollowed
        self.collision = collision
        self.bytes = bytes
        state = .pending
        attempts = 0
    }

    /// The document as discovery found it.
    public var document: DiscoveredDocument {
        var d = DiscoveredDocument(root: URL(fileURLWithPath: root, isDirectory: true), relativePath: relativePath,
                                   url: URL(fileURLWithPath: path))
        d.named = named
        d.linkNotFollowed = linkNotFollowed
        return d
    }

    /// The outcome recorded when done.
    public var outcome: BatchEntry? {
        entry.flatMap { try? JSONFormat.decoder.decode(BatchEntry.self, from: Data($0.utf8)) }
    }
}

/// A worker's hold on one work item: the item as claimed and the claim's token.
public struct WorkClaim: Sendable, Equatable {
    public var item: WorkItem
    public var token: String { item.token ?? "" }

    public init(item: WorkItem) { self.item = item }
}

/// What committing a document's outcome records besides the outcome: the
/// document, its result and (on success) its segments.
public struct ResultCommit: Sendable {
    public var document: DocumentRecord
    public var result: ResultRecord
    public var segments: [SegmentRecord]

    public init(document: DocumentRecord, result: ResultRecord, segments: [SegmentRecord]) {
        self.document = document
        self.result = result
        self.segments = segments
    }
}

/// Why a claimed item's outcome was not committed.
public enum WorkRefusal: Error, Equatable, CustomStringConvertible {
    /// The lease ran out and another worker claimed the item.
    case leaseLost(document: String)
    /// Its outcome is already committed.
    case alreadyDone(document: String)

    public var description: String {
        switch self {
        case .leaseLost(let d): "\(d): the claim's lease ran out and another worker took it over; this outcome is not recorded"
        case .alreadyDone(let d): "\(d): its outcome is already recorded for this run; not recorded twice"
        }
    }
}

/// How far a run's work has got.
public struct WorkProgress: Sendable, Equatable, Codable {
    public var total = 0
    public var pending = 0
    public var claimed = 0
    public var done = 0
    /// Workers holding a claim now.
    public var workers: [String] = []

    public init(_ items: [WorkItem]) {
        total = items.count
        for item in items {
            switch item.state {
            case .pending: pending += 1
            case .claimed: claimed += 1
            case .done: done += 1
            }
        }
        workers = Array(Set(items.filter { $0.state == .claimed }.compactMap(\.worker))).sorted()
    }
}
