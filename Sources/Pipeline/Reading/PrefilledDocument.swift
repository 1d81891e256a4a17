import Foundation
import Inference
import Snapshot

/// A document read into a KV cache, ready for questions. The cache is never
/// appended to: every question works on a fork of it.
public struct PrefilledDocument: Sendable {
    /// Where the text came from, for messages and the snapshot index.
    public let source: String
    /// The cache after the framed document.
    public let cache: HybridKVCache
    /// The token ids the cache has seen.
    public let tokens: [Int32]
    /// Whether the cache came from a stored snapshot rather than a prefill.
    public let fromSnapshot: Bool
    /// Seconds spent getting the cache ready (loading a snapshot, or
    /// prefilling), not counting saving it.
    public let seconds: Double
    /// The stored snapshot, when the store has one now.
    public let snapshot: SnapshotRecord?
    /// Why a stored snapshot could not be used, when one was found stale.
    public let staleReason: String?
}

/// Reports progress of a prefill: tokens done of the total.
public typealias PrefillProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// Gets a document into a ready cache: from its snapshot when a valid one is
/// stored, else by a chunked DuoAttention prefill that is then saved.
public struct DocumentReader: Sendable {
    public let reading: ReadingModel
    /// Where snapshots are looked up and saved; nil reads without them.
    public let store: SnapshotStore?
    public var codec: SnapshotCodec
    /// Fraction of heads a saved snapshot streams, when above the reading's
    /// (see `ReadingModel.snapshotLayout`); nil: the reading's.
    public var snapshotSparsity: Double?
    /// zstd level of saved snapshots.
    public var level: Int32 = 3
    /// Tokens of context kept free after the document for a question and its answer.
    public var reserve: Int

    /// - Parameter reserve: context kept free after the document (default: `reading.requestRoom`).
    public init(reading: ReadingModel, store: SnapshotStore?, codec: SnapshotCodec = EngineSettings.defaultCodec,
                snapshotSparsity: Double? = nil, reserve: Int? = nil) {
        self.snapshotSparsity = snapshotSparsity
        self.reading = reading
        self.store = store
        self.codec = codec
        self.reserve = reserve ?? reading.requestRoom
    }

    /// The snapshot key of `text` read by this model.
    public func key(for text: String) -> SnapshotKey {
        SnapshotKey(text: reading.framing.documentText(text), identity: reading.identity,
                    framingVersion: DocumentFraming.version, codec: codec)
    }

    /// The token ids of `text` framed as a document.
    public func documentTokens(_ text: String) -> [Int32] {
        reading.encode(reading.framing.document(text))
    }

    /// Reads `text` (the document's rendered text) into a cache.
    ///
    /// With a store: loads the snapshot if a valid one exists; otherwise
    /// (none, or stale: damaged, or made with other settings or tokens — it is
    /// removed, and the reason kept and told once to the store's `warn`)
    /// prefills and saves. Throws `ReadingError.documentTooLong` when the document leaves
    /// less than `reserve` tokens of context.
    public func read(_ text: String, source: String, progress: PrefillProgress? = nil) throws -> PrefilledDocument {
        let tokens = documentTokens(text)
        let context = reading.contextLength
        guard tokens.count + reserve <= context else {
            throw ReadingError.documentTooLong(source: source, tokens: tokens.count, context: context, reserve: reserve)
        }
        var staleReason: String?
        if let store {
            let found = try stored(text, tokens: tokens, source: source, in: store)
            if let document = found.document { return document }
            staleReason = found.staleReason
            if let staleReason {
                store.warn("snapshot of \(source) not used (\(staleReason)); reading the document again")
            }
        }
        let started = ContinuousClock.now
        let cache = try prefill(tokens, progress: progress)
        let seconds = started.secondsElapsed
        let record = try store?.save(cache: cache, tokens: tokens, key: key(for: text), source: source, level: level,
                                     streaming: reading.snapshotLayout(sparsity: snapshotSparsity))
        return PrefilledDocument(source: source, cache: cache, tokens: tokens, fromSnapshot: false, seconds: seconds,
                                 snapshot: record, staleReason: staleReason)
    }

    /// The stored snapshot of `text`, in this reader's codec or, failing that,
    /// any other (every codec is readable; only the model, pattern, settings
    /// or framing make a snapshot unusable). A damaged or mismatched one is
    /// removed and its reason returned.
    func stored(_ text: String, tokens: [Int32], source: String,
                in store: SnapshotStore) throws -> (document: PrefilledDocument?, staleReason: String?) {
        var staleReason: String?
        for candidate in [codec] + SnapshotCodec.allCases.filter({ $0 != codec }) {
            var key = key(for: text)
            key.codec = candidate
            let started = ContinuousClock.now
            switch try store.load(key, config: reading.model.config, layout: reading.layout, headroom: reserve, source: source) {
            case let .hit(cache, storedTokens, record) where storedTokens == tokens:
                return (PrefilledDocument(source: source, cache: cache, tokens: tokens, fromSnapshot: true,
                                          seconds: started.secondsElapsed, snapshot: record, staleReason: nil), nil)
            case .hit(_, _, let record):
                try store.remove(id: record.id)
                staleReason = staleReason ?? "its token ids differ from the document's"
            case .stale(let error):
                staleReason = staleReason ?? error.description
            case .miss:
                break
            }
        }
        return (nil, staleReason)
    }

    /// Prefills `tokens` into a new cache, one chunk at a time so progress
    /// can be reported (the same chunk boundaries as a single prefill).
    func prefill(_ tokens: [Int32], progress: PrefillProgress?) throws -> HybridKVCache {
        let session = reading.session()
        var done = 0
        progress?(0, tokens.count)
        while done < tokens.count {
            let end = min(tokens.count, done + reading.chunk)
            try session.prefill(Array(tokens[done..<end]))
            done = end
            progress?(done, tokens.count)
        }
        return session.cache
    }
}
