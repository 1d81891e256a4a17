import Foundation
import GGUF
import Testing
@testable import Inference
@testable import InferenceLab

/// One token per byte, plus BOS (256): a tokenizer whose lengths are easy to reason about.
struct ByteTokenizer: Tokenizer {
    var kind: String { "bytes" }
    var vocabularySize: Int { 257 }
    var bosID: Int32? { 256 }
    var eosID: Int32? { nil }
    var eogIDs: Set<Int32> { [] }
    var addBOS: Bool { true }
    var fingerprint: String { "bytes" }
    func encode(_ text: String, parseSpecial: Bool) -> [Int32] { text.utf8.map { Int32($0) } }
    func tokenBytes(_ id: Int32, skipSpecial: Bool) -> [UInt8] {
        id < 256 ? [UInt8(id)] : (id == 256 && !skipSpecial ? Array("<s>".utf8) : [])
    }
    func tokenText(_ id: Int32) -> String? { id <= 256 ? String(decoding: tokenBytes(id), as: UTF8.self) : nil }
    func tokenID(forText text: String) -> Int32? { text.utf8.count == 1 ? Int32(text.utf8.first!) : nil }
    func isSpecial(_ id: Int32) -> Bool { id == 256 }
    func decode(_ ids: [Int32], skipSpecial: Bool) -> String {
        String(decoding: ids.flatMap { tokenBytes($0, skipSpecial: skipSpecial) }, as: UTF8.self)
    }
}

/// Haystack loading, passkey prompt construction and scoring.
@Suite struct PasskeyTests {
    static let sentences = [
        "The harbor was quiet that morning.", "A gull circled twice and left.",
        "Nobody on the pier said a word about the weather.", "Later the fog came in from the east!",
        "Was it going to rain?", "The boats stayed tied to their posts.",
    ]

    /// A temporary haystack directory: a.txt, b.txt, c.md and files that must be skipped.
    static func haystackDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hay-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let first = (0..<20).map { sentences[$0 % sentences.count] }.joined(separator: " ") + "\n"
        let second = (0..<20).map { sentences[($0 + 3) % sentences.count] }.joined(separator: " ") + "\n"
        try second.write(toFile: dir + "/b.txt", atomically: true, encoding: .utf8)
        try first.write(toFile: dir + "/a.txt", atomically: true, encoding: .utf8)
        try "Closing notes.\n".write(toFile: dir + "/c.md", atomically: true, encoding: .utf8)
        try "hidden".write(toFile: dir + "/.hidden.txt", atomically: true, encoding: .utf8)
        try "binary".write(toFile: dir + "/data.bin", atomically: true, encoding: .utf8)
        return dir
    }

    static func generator() throws -> (PasskeyGenerator, String) {
        let dir = try haystackDirectory()
        return (try PasskeyGenerator(haystack: Haystack(directory: dir), tokenizer: ByteTokenizer()), dir)
    }

    @Test func haystackReadsTextFilesInNameOrder() throws {
        let dir = try Self.haystackDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let h = try Haystack(directory: dir)
        #expect(h.files.map { ($0 as NSString).lastPathComponent } == ["a.txt", "b.txt", "c.md"])
        let expected = try ["a.txt", "b.txt", "c.md"].map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }
        #expect(h.text == expected.joined())
        #expect(throws: PasskeyError.self) { try Haystack(directory: dir + "/nope") }
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(throws: PasskeyError.noTextFiles(directory: empty)) { try Haystack(directory: empty) }
    }

    @Test(arguments: [400, 1000, 3000, 9000])
    func lengthIsExact(length: Int) throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let one = try g.sample(PasskeySpec(length: length, depths: [0.5]), seed: 1)
        #expect(one.tokens.count == length)
        guard length >= 1000 else { return }  // three labelled needles and questions take ~800 bytes
        let many = try g.sample(PasskeySpec(length: length, keyCount: 3), seed: 2)
        #expect(many.tokens.count == length)
    }

    @Test func promptAsksToContinueThePasskey() throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try g.sample(PasskeySpec(length: 800, depths: [0.3]), seed: 42)
        let key = try #require(s.keys.first)
        #expect(key.words.count == 5 && key.label == nil)
        #expect(Set(key.words).count == 5 && key.words.allSatisfy(PasskeyWords.words.contains))
        let tok = ByteTokenizer()
        let prompt = tok.decode(s.prompt(), skipSpecial: true)
        #expect(prompt.hasPrefix("There is a pass key hidden"))
        #expect(prompt.hasSuffix("What is the pass key? The pass key is \(key.words[0]) \(key.words[1])"))
        #expect(prompt.contains("The pass key is \(key.words.joined(separator: " ")). Remember it."))
        #expect(tok.decode(s.answer()) == " " + key.words[2...].joined(separator: " "))
        #expect(s.questions[0].answerWords == Array(key.words[2...]))
        #expect(s.prompt().first == 256)
        #expect(s.answerPositions == Array(s.questions[0].answerRange))
        #expect(s.score(continuation: " " + key.words[2...].joined(separator: " ") + ".") == 1)
    }

    @Test(arguments: [0.0, 0.1, 0.25, 0.5, 0.77, 1.0])
    func needleSitsAtItsDepthAfterASentence(depth: Double) throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try g.sample(PasskeySpec(length: 3000, depths: [depth]), seed: 9)
        let tok = ByteTokenizer()
        let intro = 1 + g.piece(PasskeyText.intro(keyCount: 1)).count
        let needle = g.piece(PasskeyText.needle(words: s.keys[0].words, label: nil)).count
        let (q, a) = g.questionAndAnswer(words: s.keys[0].words, label: nil, given: 2, first: true)
        let filler = s.tokens.count - intro - needle - q.count - a.count
        let offset = s.keys[0].position - intro
        let target = Int((depth * Double(filler)).rounded())
        #expect(offset <= target && target - offset < PasskeyGenerator.maxSnap, "offset \(offset), target \(target)")
        if offset > 0 {
            let before = tok.decode([s.tokens[s.keys[0].position - 1]])
            #expect([".", "!", "?"].contains(before) || before == "\n")
        }
        #expect(tok.decode(Array(s.tokens[s.keys[0].position..<(s.keys[0].position + 17)])) == " The pass key is ")
    }

    @Test func sameSeedSameSample() throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = PasskeySpec(length: 2000, keyCount: 4)
        let a = try g.sample(spec, seed: 123)
        let b = try g.sample(spec, seed: 123)
        let c = try g.sample(spec, seed: 124)
        #expect(a.tokens == b.tokens && a.keys == b.keys)
        #expect(a.keys.map(\.words) != c.keys.map(\.words))
        // The words depend on the seed and the key count only, not on length or depth.
        let pinned = try g.sample(PasskeySpec(length: 500, depths: [0.5]), seed: 1).keys[0].words
        #expect(pinned == (try g.sample(PasskeySpec(length: 900, depths: [0.1]), seed: 1).keys[0].words))
    }

    @Test func multiPasskeyQuestionsAndTargets() throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try g.sample(PasskeySpec(length: 4000, depths: [0.8, 0.2, 0.5]), seed: 5)
        let tok = ByteTokenizer()
        #expect(s.keys.map(\.depth) == [0.2, 0.5, 0.8])
        #expect(s.keys.map(\.position) == s.keys.map(\.position).sorted())
        let labels = s.keys.compactMap(\.label)
        #expect(labels.count == 3 && Set(labels).count == 3)
        #expect(Set(s.keys.flatMap(\.words)).count == 15)
        #expect(tok.decode(s.prompt(), skipSpecial: true).hasPrefix("There are 3 pass keys hidden"))
        for (i, q) in s.questions.enumerated() {
            let key = s.keys[q.key]
            #expect(q.key == i)
            #expect(tok.decode(s.answer(for: i)) == " " + key.words[2...].joined(separator: " "))
            let label = try #require(key.label)
            #expect(tok.decode(s.prompt(for: i))
                .hasSuffix("What is the pass key for \(label)? The pass key for \(label) is \(key.words[0]) \(key.words[1])"))
            let needle = tok.decode(Array(s.tokens[key.position...].prefix(40)))
            #expect(needle.hasPrefix(" The pass key for \(label) is \(key.words[0])"))
        }
        #expect(s.questions.last?.answerRange.upperBound == s.tokens.count)
        #expect(s.answerPositions.count == s.questions.reduce(0) { $0 + $1.answerRange.count })
    }

    @Test func refusesImpossibleSpecs() throws {
        let (g, dir) = try Self.generator()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: PasskeyError.self) { try g.sample(PasskeySpec(length: 50, depths: [0.5]), seed: 1) }
        #expect(throws: PasskeyError.self) { try g.sample(PasskeySpec(length: 500, depths: [1.5]), seed: 1) }
        #expect(throws: PasskeyError.self) { try g.sample(PasskeySpec(length: 500, depths: [0.5], wordsPerKey: 2), seed: 1) }
        #expect(throws: PasskeyError.self) { try g.sample(PasskeySpec(length: 9000, keyCount: 41), seed: 1) }
        do {
            _ = try g.sample(PasskeySpec(length: 50, depths: [0.5]), seed: 1)
        } catch let PasskeyError.tooShort(length, minimum) {
            #expect(length == 50 && minimum > 50)
            #expect(try g.sample(PasskeySpec(length: minimum, depths: [0.5]), seed: 1).tokens.count == minimum)
        }
    }

    @Test func scoring() {
        let want = ["stone", "garden", "window"]
        #expect(PasskeyScore.score(continuation: " stone garden window.", expected: want) == 1)
        #expect(PasskeyScore.score(continuation: "Stone, GARDEN,\nwindow! And more", expected: want) == 1)
        #expect(PasskeyScore.score(continuation: " stone garden", expected: want) == 2.0 / 3)
        #expect(PasskeyScore.score(continuation: " stone apple window", expected: want) == 2.0 / 3)
        #expect(PasskeyScore.score(continuation: " garden window", expected: want) == 0)
        #expect(PasskeyScore.score(continuation: "", expected: want) == 0)
        #expect(PasskeyScore.score(continuation: "anything", expected: []) == 1)
    }

    @Test func realTokenizerAndEssays() throws {
        guard let path = DefaultModel.path, let essays = DefaultModel.essaysDirectory else {
            print("skipping: default model or haystack essays not installed (precis model fetch --haystack)")
            return
        }
        let tokenizer = try TokenizerLoader.load(from: GGUFFile(path: path))
        let g = try PasskeyGenerator(haystack: Haystack(directory: essays), tokenizer: tokenizer)
        #expect(g.haystackTokens.count > 100_000)
        for length in [1000, 2000, 4000, 8000] {
            for depth in [0.0, 0.5, 1.0] {
                let s = try g.sample(PasskeySpec(length: length, depths: [depth]), seed: UInt64(length))
                #expect(s.tokens.count == length)
                let words = s.keys[0].words
                let prompt = tokenizer.decode(s.prompt(), skipSpecial: true)
                #expect(prompt.hasSuffix("The pass key is \(words[0]) \(words[1])"))
                #expect(tokenizer.decode(s.answer(), skipSpecial: true) == " " + words[2...].joined(separator: " "))
                // The answer tokens are what tokenizing the whole text gives.
                let whole = tokenizer.encode("The pass key is " + words.joined(separator: " "), parseSpecial: false)
                #expect(Array(whole.suffix(s.answer().count)) == s.answer())
            }
        }
        let multi = try g.sample(PasskeySpec(length: 8000, keyCount: 5), seed: 3)
        #expect(multi.tokens.count == 8000 && multi.questions.count == 5)
    }
}
