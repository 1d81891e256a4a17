/// Records where the retrieval heads look while a session decodes: for
/// every generated token, the share of their attention that falls on each
/// bucket of cache positions (for example, the source block a document
/// token was rendered from).
///
/// Retrieval heads are the ones DuoAttention keeps whole because they fetch
/// information from far back in the context, so their attention over a
/// document says which passage the model is reading from as it writes;
/// citations and faithfulness checks are built on it. Streaming heads see
/// only sink and recent tokens and are not observed.
///
/// Attach one to `Session.observer`; the session fills it during `step`.
public final class AttentionObserver: @unchecked Sendable {
    /// Bucket of each cache position, or −1 for positions nobody asked about.
    public let buckets: [Int32]
    public let bucketCount: Int
    /// Layers whose retrieval heads are observed (nil: every layer).
    public let layers: Set<Int>?
    /// Per decoded token, the attention mass on each bucket, averaged over
    /// the observed query heads: `[step][bucket]`, each row summing to at
    /// most 1 (the rest fell on unbucketed positions).
    public private(set) var steps: [[Float]] = []
    private var current: [Float]
    private var headCount = 0

    public init(buckets: [Int32], bucketCount: Int, layers: Set<Int>? = nil) {
        self.buckets = buckets
        self.bucketCount = bucketCount
        self.layers = layers
        current = [Float](repeating: 0, count: bucketCount)
    }

    /// Forgets every recorded step.
    public func reset() { steps.removeAll() }

    func beginStep() {
        for i in current.indices { current[i] = 0 }
        headCount = 0
    }

    func endStep() {
        let scale = headCount > 0 ? 1 / Float(headCount) : 0
        steps.append(current.map { $0 * scale })
    }

    func observes(layer: Int) -> Bool { layers?.contains(layer) ?? true }

    /// Adds one query head's probabilities `weight · probabilities[i]` for
    /// positions `first ..< first + count`.
    func add(probabilities: UnsafePointer<Float>, weight: Float, first: Int, count: Int) {
        let end = min(first + count, buckets.count)
        guard first < end else { return }
        buckets.withUnsafeBufferPointer { b in
            current.withUnsafeMutableBufferPointer { c in
                for p in first..<end {
                    let bucket = Int(b[p])
                    if bucket >= 0 { c[bucket] += probabilities[p - first] * weight }
                }
            }
        }
    }

    /// Counts one more observed query head in the current step.
    func countHead() { headCount += 1 }
}
