import Testing
@testable import Inference

/// The generator's rules against a scripted model: a logits source that
/// always prefers the next character of a fixed text (byte tokens), so
/// loops, budgets and sentence ends can be staged exactly.
@Suite("Generation rules")
struct GenerationRulesTests {
    /// Logits preferring `script[i % count]` at step `i`, with a space as the runner-up.
    final class Script: @unchecked Sendable {
        let bytes: [UInt8]
        var index = 0
        init(_ text: String) { bytes = Array(text.utf8) }

        func logits() -> [Float] {
            var l = [Float](repeating: 0, count: 257)
            l[32] = 5
            l[Int(bytes[index % bytes.count])] = 10
            index += 1
            return l
        }
    }

    func run(_ text: String, rules: StopRules, noRepeat: Int = 0) throws -> (Generation, [String]) {
        let script = Script(text)
        var sampling = SamplingOptions.greedy
        sampling.noRepeatNGram = noRepeat
        var generator = Generator(tokenizer: ByteTokenizer(), sampling: sampling, rules: rules,
                                  step: { _ in script.logits() })
        var pieces: [String] = []
        let result = try generator.generate(from: script.logits()) { pieces.append($0) }
        return (result, pieces)
    }

    @Test func aWordForWordLoopEndsBeforeItRepeats() throws {
        var rules = StopRules(maxTokens: 400)
        rules.stopOnLoop = true
        rules.endOnSentence = true
        let (g, pieces) = try run("The fee is 18,000 euros a year. ", rules: rules, noRepeat: 8)
        #expect(g.stopReason == .loop)
        #expect(g.text.trimmingWhitespace() == "The fee is 18,000 euros a year.")
        #expect(pieces.joined() == g.text, "streamed text is the final text")
    }

    @Test func aRepeatedSentenceEndsTheGenerationWithoutNGramBlocking() throws {
        var rules = StopRules(maxTokens: 400)
        rules.stopOnLoop = true
        let (g, _) = try run("A cat sat on the mat today. ", rules: rules)
        #expect(g.stopReason == .loop)
        #expect(g.text.trimmingWhitespace() == "A cat sat on the mat today.")
    }

    @Test func withoutLoopRulesTheScriptRunsToTheLimit() throws {
        let (g, _) = try run("A cat sat on the mat today. ", rules: StopRules(maxTokens: 100))
        #expect(g.stopReason == .maxTokens)
        #expect(g.tokens.count == 100)
    }

    @Test func anInterruptEndsTheGenerationWhereItIs() throws {
        final class Counter: @unchecked Sendable { var asked = 0 }
        let counter = Counter()
        var rules = StopRules(maxTokens: 400)
        rules.interrupt = { counter.asked += 1; return counter.asked > 12 }
        let (g, pieces) = try run("A cat sat on the mat today. ", rules: rules)
        #expect(g.stopReason == .interrupted)
        #expect(g.tokens.count == 12 && g.text == "A cat sat on")
        #expect(pieces.joined() == g.text)
    }

    @Test func aHardLimitKeepsOnlyCompleteSentences() throws {
        var rules = StopRules(maxTokens: 50)
        rules.endOnSentence = true
        let (g, pieces) = try run("One two three. Four five six seven. Eight nine ten eleven twelve thirteen fourteen.",
                                  rules: rules)
        #expect(g.stopReason == .maxTokens)
        #expect(g.text == "One two three. Four five six seven.")
        #expect(g.trimmedCharacters > 0)
        #expect(pieces.joined() == g.text)
    }

    @Test func aSoftBudgetLetsTheLastSentenceFinish() throws {
        var rules = StopRules(maxTokens: 500)
        rules.softMaxTokens = 5
        let (g, _) = try run("Alpha beta gamma delta epsilon zeta. Eta theta.", rules: rules)
        #expect(g.stopReason == .budget)
        #expect(g.text == "Alpha beta gamma delta epsilon zeta.")
    }

    @Test func nGramBlockingBansOnlyTheTokenThatWouldRepeat() {
        var blocker = NGramBlocker(size: 3)
        for t: Int32 in [1, 2, 3, 1, 2] { blocker.append(t) }
        #expect(blocker.banned == [3])
        var logits: [Float] = [0, 0, 0, 9, 1]
        #expect(blocker.apply(to: &logits), "the top choice was the repeat")
        #expect(logits[3] == -.infinity && logits[4] == 1)
    }

    @Test func sentenceEndsSkipAbbreviationsNumbersAndLabels() {
        #expect(SentenceBoundary.sentences("Brightline Systems Ltd. (the Supplier) maintains it. Fees apply.")
            == ["Brightline Systems Ltd. (the Supplier) maintains it.", "Fees apply."])
        #expect(SentenceBoundary.sentences("Clause 4.2 applies, e.g. on breach. Next one")
            == ["Clause 4.2 applies, e.g. on breach.", "Next one"])
        #expect(SentenceBoundary.sentences("1. First item\n2. Second item") == ["1. First item", "2. Second item"])
        #expect(SentenceBoundary.sentences("She said “stop.” Then left!") == ["She said “stop.”", "Then left!"])
        #expect(SentenceBoundary.sentences("It covers “8. Troubleshooting” and 6.5 Power – 7. Maintenance. It ends at 10. Then")
            == ["It covers “8. Troubleshooting” and 6.5 Power – 7. Maintenance.", "It ends at 10.", "Then"])
        #expect(SentenceBoundary.endsComplete("The term is three years."))
        #expect(!SentenceBoundary.endsComplete("The term is three"))
        #expect(SentenceBoundary.endsComplete("Brightline Systems Ltd."))
        #expect(!SentenceBoundary.endsComplete("It was corrected each spring by Mr."))
        #expect(SentenceBoundary.lastEnd(in: "The tide table came. It was corrected by Mr.") == 20)
    }
}
