import Foundation
import Pipeline

/// Documents whose caches are in memory, most recently used first, within
/// a byte budget: a question about a loaded document skips even the
/// snapshot read. The least recently used go first when the budget is
/// exceeded; one document larger than the budget is used but not kept.
public final class LoadedDocuments: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, document: PrefilledDocument, bytes: Int)] = []
    public let budget: Int

    public init(budget: Int) { self.budget = budget }

    /// Bytes of the caches held now.
    public var bytes: Int { lock.withLock { entries.reduce(0) { $0 + $1.bytes } } }
    public var count: Int { lock.withLock { entries.count } }

    public func document(_ key: String) -> PrefilledDocument? {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.insert(entry, at: 0)
            return entry.document
        }
    }

    public func keep(_ document: PrefilledDocument, as key: String) {
        let size = document.cache.bytes()
        lock.withLock {
            entries.removeAll { $0.key == key }
            guard size <= budget else { return }
            entries.insert((key, document, size), at: 0)
            var total = entries.reduce(0) { $0 + $1.bytes }
            while total > budget, let last = entries.popLast() { total -= last.bytes }
        }
    }
}
