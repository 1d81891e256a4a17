import Foundation
import Inference
import Snapshot

/// What each snapshot codec costs in answers: every question of an
/// evaluation set is answered (greedy) after the passage's in-memory cache,
/// then after the same cache written with each codec and read back. A codec
/// is as good as its answers' agreement with the in-memory ones and the
/// NLL it adds to them, for the bytes it saves.
public struct SnapshotCodecEvaluation {
    /// One question asked of one passage.
    public struct Probe: Sendable {
        public var document: String
        public var passage: Passage
        public var question: EvaluationQuestion

        public init(document: String, passage: Passage, question: EvaluationQuestion) {
            self.document = document
            self.passage = passage
            self.question = question
        }
    }

    /// One codec's figures over every probe.
    public struct Row: Sendable, Encodable {
        public var codec: String
        /// Bytes of the snapshots of every probed passage.
        public var bytes: Int
        public var bytesPerToken: Double
        /// Answers equal, token for token, to the in-memory cache's.
        public var identical: Int
        /// Mean share of the in-memory answer's tokens reproduced before the first difference.
        public var agreement: Double
        /// Answers matching the question's answer pattern.
        public var correct: Int
        /// Mean NLL of the in-memory answers' tokens after this cache.
        public var answerNLL: Double
    }

    public struct Report: Sendable, Encodable {
        public var probes: Int
        public var passages: Int
        public var documentTokens: Int
        public var answerTokens: Int
        /// Answers after the in-memory cache matching their pattern.
        public var baselineCorrect: Int
        /// Mean NLL of those answers after the in-memory cache.
        public var baselineNLL: Double
        public var rows: [Row]
        public var seconds: Double
    }

    /// A way to store a snapshot: a codec, and optionally a higher sparsity
    /// for the snapshot than the reading's (see `ReadingModel.snapshotLayout`).
    public struct Variant: Sendable, CustomStringConvertible {
        public var codec: SnapshotCodec
        public var sparsity: Double?

        public init(codec: SnapshotCodec, sparsity: Double? = nil) {
            self.codec = codec
            self.sparsity = sparsity
        }

        /// `int4` or `int4@0.75`.
        public init?(name: String) {
            let parts = name.split(separator: "@", maxSplits: 1).map(String.init)
            guard let codec = SnapshotCodec(name: parts[0]) else { return nil }
            self.codec = codec
            if parts.count == 2 {
                guard let s = Double(parts[1]), (0...1).contains(s) else { return nil }
                sparsity = s
            }
        }

        public var description: String { sparsity.map { "\(codec)@\($0)" } ?? codec.description }
    }

    public let reading: ReadingModel
    public var codecs: [Variant]
    /// Tokens each answer may take.
    public var answerTokens = 48

    public init(reading: ReadingModel, codecs: [Variant] = SnapshotCodec.allCases.map { Variant(codec: $0) }) {
        self.reading = reading
        self.codecs = codecs
    }

    /// Answers every probe after every cache; `progress` gets a line per passage.
    public func run(_ probes: [Probe], directory: String = NSTemporaryDirectory(),
                    progress: (String) -> Void = { _ in }) throws -> Report {
        let started = ContinuousClock.now
        let reader = DocumentReader(reading: reading, store: nil)
        let groups = Dictionary(grouping: probes.indices) { probes[$0].passage.text }
        let passages = groups.keys.sorted { groups[$0]![0] < groups[$1]![0] }
        var tally = codecs.map { Tally(name: $0.description) }, baseline = Tally(name: "in memory")
        var documentTokens = 0
        for (n, text) in passages.enumerated() {
            let asked = groups[text]!.map { probes[$0] }
            progress("passage \(n + 1)/\(passages.count) (\(asked[0].passage.source)): prefilling")
            let tokens = reader.documentTokens(text)
            documentTokens += tokens.count
            let cache = try reader.prefill(tokens, progress: nil)
            let reference = try asked.map { try answer($0.question, cache: cache, tokens: tokens) }
            for (probe, answer) in zip(asked, reference) {
                baseline.add(answer: answer, reference: answer.tokens, nll: try nll(answer, probe.question, cache: cache),
                             question: probe.question)
            }
            for (c, codec) in codecs.enumerated() {
                progress("passage \(n + 1)/\(passages.count): \(codec)")
                let (restored, bytes) = try roundTrip(cache, tokens: tokens, variant: codec, directory: directory)
                tally[c].bytes += bytes
                for (probe, expected) in zip(asked, reference) {
                    let answer = try answer(probe.question, cache: restored, tokens: tokens)
                    tally[c].add(answer: answer, reference: expected.tokens,
                                 nll: try nll(expected, probe.question, cache: restored), question: probe.question)
                }
            }
        }
        return Report(probes: probes.count, passages: passages.count, documentTokens: documentTokens,
                      answerTokens: answerTokens, baselineCorrect: baseline.correct,
                      baselineNLL: baseline.meanNLL, rows: tally.map { $0.row(tokens: documentTokens) },
                      seconds: started.secondsElapsed)
    }

    private func answer(_ question: EvaluationQuestion, cache: HybridKVCache, tokens: [Int32]) throws -> Answer {
        try document(cache, tokens).answer(question.question, with: reading, settings: .greedy(maxTokens: answerTokens))
    }

    private func document(_ cache: HybridKVCache, _ tokens: [Int32]) -> PrefilledDocument {
        PrefilledDocument(source: "evaluation", cache: cache, tokens: tokens, fromSnapshot: false, seconds: 0,
                          snapshot: nil, staleReason: nil)
    }

    /// Mean NLL of `reference`'s tokens after the question, on a fork of `cache`.
    private func nll(_ reference: Answer, _ question: EvaluationQuestion, cache: HybridKVCache) throws -> Double {
        let prompt = reading.encode(reading.framing.question(question.question))
        guard !reference.tokens.isEmpty else { return 0 }
        let session = reading.session(cache: cache.fork())
        return try NegativeLogLikelihood.evaluate(prompt + reference.tokens, fromToken: prompt.count, session: session).meanNLL
    }

    private func roundTrip(_ cache: HybridKVCache, tokens: [Int32], variant: Variant,
                           directory: String) throws -> (HybridKVCache, Int) {
        let path = (directory as NSString).appendingPathComponent("precis-eval-\(UUID().uuidString).pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try Snapshot.write(cache: cache, tokens: tokens, identity: reading.identity, codec: variant.codec,
                                       streaming: reading.snapshotLayout(sparsity: variant.sparsity), to: path)
        let restored = try Snapshot.read(path: path, expecting: reading.identity, config: reading.model.config,
                                         layout: reading.layout, maxTokens: cache.maxTokens).cache
        return (restored, bytes)
    }

    /// Running sums of one codec.
    private struct Tally {
        let name: String
        var bytes = 0, identical = 0, correct = 0, count = 0
        var agreement = 0.0, nllSum = 0.0

        init(name: String) { self.name = name }

        mutating func add(answer: Answer, reference: [Int32], nll: Double, question: EvaluationQuestion) {
            count += 1
            if answer.tokens == reference { identical += 1 }
            let same = zip(answer.tokens, reference).prefix { $0 == $1 }.count
            agreement += reference.isEmpty ? 1 : Double(same) / Double(reference.count)
            if question.isAnswered(by: answer.text) { correct += 1 }
            nllSum += nll
        }

        var meanNLL: Double { count > 0 ? nllSum / Double(count) : 0 }

        func row(tokens: Int) -> Row {
            Row(codec: name, bytes: bytes, bytesPerToken: Double(bytes) / Double(max(1, tokens)),
                identical: identical, agreement: count > 0 ? agreement / Double(count) : 1, correct: correct,
                answerNLL: meanNLL)
        }
    }
}
