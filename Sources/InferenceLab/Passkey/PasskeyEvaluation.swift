import Foundation
import Inference

/// Passkey retrieval accuracy by context length × needle depth: the model
/// continues a passkey of random words hidden in haystack text from its
/// first words, greedily; the score is the fraction of the remaining words
/// it reproduces.
public struct PasskeyEvaluation {
    public struct Cell: Codable, Sendable {
        public var length: Int
        public var depth: Double
        public var accuracy: Double
        public var answer: String
    }

    public struct Report: Codable, Sendable {
        public var results: [Cell]
        public var meanAccuracy: Double

        enum CodingKeys: String, CodingKey { case results, meanAccuracy = "mean_accuracy" }
    }

    public let model: Model
    public let generator: PasskeyGenerator
    public var layout: HeadLayout?
    public var chunkSize = 1024
    public var seed: UInt64 = 1

    public init(model: Model, generator: PasskeyGenerator) {
        self.model = model
        self.generator = generator
    }

    /// `count` depths spread evenly from the start (0) to the end (1) of the haystack.
    public static func depths(_ count: Int) -> [Double] {
        count <= 1 ? [0.5] : (0..<count).map { Double($0) / Double(count - 1) }
    }

    /// Runs every length × depth cell; `progress` gets each finished cell.
    public func run(lengths: [Int], depths: [Double], progress: (Cell) -> Void = { _ in }) throws -> Report {
        var cells: [Cell] = []
        for length in lengths {
            for (i, depth) in depths.enumerated() {
                let sample = try generator.sample(PasskeySpec(length: length, depths: [depth]),
                                                  seed: seed &+ UInt64(length) &* 31 &+ UInt64(i))
                let prompt = sample.prompt(for: 0)
                let answer = try greedy(prompt, tokens: sample.answer(for: 0).count + 4)
                let text = generator.tokenizer.decode(answer, skipSpecial: true)
                let cell = Cell(length: length, depth: depth, accuracy: sample.score(continuation: text), answer: text)
                cells.append(cell)
                progress(cell)
            }
        }
        let mean = cells.isEmpty ? 0 : cells.reduce(0) { $0 + $1.accuracy } / Double(cells.count)
        return Report(results: cells, meanAccuracy: mean)
    }

    private func greedy(_ prompt: [Int32], tokens n: Int) throws -> [Int32] {
        let session = Session(model: model, layout: layout, maxTokens: prompt.count + n, chunkSize: chunkSize)
        var logits = try session.prefill(prompt)
        var out: [Int32] = []
        for _ in 0..<n {
            let next = Int32(Sampler.argmax(logits))
            out.append(next)
            if generator.tokenizer.isEndOfGeneration(next) || out.count == n { break }
            logits = try session.step(next)
        }
        return out
    }
}
