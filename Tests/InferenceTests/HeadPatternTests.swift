import Foundation
import Testing
@testable import Inference

/// `HeadPattern`: TSV + sidecar files, clipping, quantile binarization, shape checks.
@Suite struct HeadPatternTests {
    static func fixturePath() throws -> String {
        guard let url = Bundle.module.url(forResource: "pattern-4x3", withExtension: "tsv", subdirectory: "Fixtures/heads") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return url.path
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("heads-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func readsFixtureWithClippingAndSidecar() throws {
        let p = try HeadPattern.load(path: Self.fixturePath())
        #expect(p.layerCount == 4 && p.kvHeadCount == 3 && p.totalHeads == 12)
        #expect(p.alphas == [[0.9, 0.1, 0.5], [1, 0, 0.5], [0.25, 0.25, 0.75], [0.1, 0.8, 0.5]])
        #expect(p.info == HeadPatternInfo(sink: 16, recent: 128, model: "0123abcd", method: "hand-written",
                                          data: "fixture", created: "2025-01-31T17:04:05Z"))
    }

    @Test func roundTripsThroughFiles() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try HeadPattern(alphas: [[0.123456789, 1, 0], [1e-7, 0.5, 0.999999]],
                                       info: HeadPatternInfo(sink: 4, recent: 32, model: "ff", method: "test",
                                                             data: "none", created: HeadPatternInfo.timestamp()))
        let path = dir + "/full_attention_heads.tsv"
        try original.write(path: path)
        #expect(FileManager.default.fileExists(atPath: dir + "/full_attention_heads.json"))
        let back = try HeadPattern.load(path: path)
        #expect(back == original)
        #expect(back.alphas == original.alphas)
        #expect(back.source == path)
        // The TSV is tab-separated, one line per layer.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.split(separator: "\n")[0].split(separator: "\t").count == 3)
    }

    @Test func sidecarIsOptional() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bare.tsv"
        try "9.000000000000000222e-01\t1.000000000000000056e-01\n".write(toFile: path, atomically: true, encoding: .utf8)
        let p = try HeadPattern.load(path: path)
        #expect(p.info == HeadPatternInfo())
        #expect(p.info.sink == 64 && p.info.recent == 256)
        #expect(p.alphas == [[0.9, 0.1]])
    }

    @Test func quantileBinarization() throws {
        let p = try HeadPattern.load(path: Self.fixturePath())
        // Flat order by (α, position): 4 1 9 6 7 2 5 11 8 10 0 3.
        func streaming(_ s: Double) -> Set<Int> {
            var out = Set<Int>()
            for (l, row) in p.kinds(sparsity: s).enumerated() {
                for (h, k) in row.enumerated() where k == .streaming { out.insert(l * 3 + h) }
            }
            return out
        }
        #expect(streaming(0).isEmpty)
        #expect(streaming(1) == Set(0..<12))
        #expect(streaming(1.0 / 24) == [4])  // 0.5 heads rounds up to 1
        #expect(streaming(0.25) == [4, 1, 9])  // tie at 0.1: layer 0 before layer 3
        #expect(streaming(0.5) == [4, 1, 9, 6, 7, 2])  // tie at 0.5: layer 0's head streams first
        #expect(streaming(0.6) == [4, 1, 9, 6, 7, 2, 5])
        #expect(streaming(0.75) == [4, 1, 9, 6, 7, 2, 5, 11, 8])
        #expect(p.streamingCount(sparsity: -1) == 0 && p.streamingCount(sparsity: 2) == 12)
        #expect(p.streamingCount(sparsity: .nan) == 0)
        #expect(p.threshold(sparsity: 0) == nil)
        #expect(p.threshold(sparsity: 0.5) == 0.5)
        #expect(p.kinds(sparsity: 0.5).count(of: .retrieval) == 6)
        let order = p.streamingOrder.map { $0.layer * 3 + $0.kvHead }
        #expect(order == [4, 1, 9, 6, 7, 2, 5, 11, 8, 10, 0, 3])
    }

    @Test func allTiesBreakByPosition() throws {
        let p = try HeadPattern(alphas: Array(repeating: [1, 1], count: 3))
        #expect(p.kinds(sparsity: 0.5) == [[.streaming, .streaming], [.streaming, .retrieval], [.retrieval, .retrieval]])
    }

    @Test func refusesMismatchedShape() throws {
        let p = try HeadPattern.load(path: Self.fixturePath())
        try p.validate(layers: 4, kvHeads: 3, modelName: "tiny")
        let error = #expect(throws: HeadPatternError.self) { try p.validate(layers: 30, kvHeads: 3, modelName: "SmolLM2") }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("is 4×3 (layers×KV heads) but model SmolLM2 is 30×3"))
        #expect(message.contains("pattern-4x3.tsv"))
    }

    @Test func badTSVErrorsNameTheFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func error(_ text: String) throws -> HeadPatternError? {
            let path = dir + "/p.tsv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try HeadPattern.load(path: path); return nil } catch let e as HeadPatternError { return e }
        }
        let path = dir + "/p.tsv"
        #expect(try error("") == .empty(path: path))
        #expect(try error("\n# only a comment\n\n") == .empty(path: path))
        #expect(try error("0.1\t0.2\n0.3\n") == .ragged(path: path, line: 2, expected: 2, found: 1))
        #expect(try error("0.1\tx\n") == .notANumber(path: path, line: 1, column: 2, field: "x"))
        #expect(try error("0.1\tnan\n") == .notANumber(path: path, line: 1, column: 2, field: "nan"))
        #expect("\(HeadPatternError.ragged(path: path, line: 2, expected: 2, found: 1))".hasPrefix(path + ":2:"))
        #expect(throws: HeadPatternError.io(path: dir + "/missing.tsv", reason: "no such file")) {
            try HeadPattern.load(path: dir + "/missing.tsv")
        }
        try "0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        try "{\"sink\": \"many\"}".write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        #expect(throws: HeadPatternError.self) { try HeadPattern.load(path: path) }
        try "{\"created\": \"yesterday\"}".write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        #expect(throws: HeadPatternError.badSidecar(path: dir + "/p.json",
                                                    reason: "created is not an ISO 8601 date-time: 'yesterday'")) {
            try HeadPattern.load(path: path)
        }
    }

    @Test func randomPatternIsSeeded() throws {
        let a = try HeadPattern.random(layers: 30, kvHeads: 3, seed: 7)
        let b = try HeadPattern.random(layers: 30, kvHeads: 3, seed: 7)
        let c = try HeadPattern.random(layers: 30, kvHeads: 3, seed: 8)
        #expect(a == b && a != c)
        #expect(a.layerCount == 30 && a.kvHeadCount == 3)
        #expect(a.alphas.joined().allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(a.info.method == "random" && a.info.data == "seed 7")
        #expect(a.kinds(sparsity: 0.5).count(of: .streaming) == 45)
        #expect(throws: HeadPatternError.self) { try HeadPattern.random(layers: 0, kvHeads: 3, seed: 1) }
    }

    @Test func bundledLookupMatchesFingerprint() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let url = URL(fileURLWithPath: dir)
        try HeadPattern(alphas: [[0.5]], info: HeadPatternInfo(model: "aaaa")).write(path: dir + "/a.tsv")
        try HeadPattern(alphas: [[0.25, 1]], info: HeadPatternInfo(model: "bbbb")).write(path: dir + "/b.tsv")
        #expect(try HeadPattern.bundled(forModelFingerprint: "bbbb", in: url)?.alphas == [[0.25, 1]])
        #expect(try HeadPattern.bundled(forModelFingerprint: "cccc", in: url) == nil)
        #expect(try HeadPattern.bundled(forModelFingerprint: "aaaa", in: nil) == nil)
        // The shipped folder is found as a resource of the build.
        let shipped = try #require(HeadPattern.bundledDirectory)
        #expect(FileManager.default.fileExists(atPath: shipped.appendingPathComponent("README.md").path))
        #expect(HeadPatternError.notShipped(model: "m.gguf").description
            == "no pattern shipped for model m.gguf; pass --pattern FILE or run `precis heads identify`")
    }

    @Test func heatmapText() throws {
        let p = try HeadPattern.load(path: Self.fixturePath())
        let map = HeadPatternMap(pattern: p, sparsity: 0.5)
        let lines = map.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[1] == "    0 │ █ 0.90 R  ░ 0.10 S  ▓ 0.50 S │ 1R")
        #expect(lines[2] == "    1 │ █ 1.00 R  ░ 0.00 S  ▓ 0.50 R │ 2R")
        #expect(map.summary.contains("6 retrieval (R) and 6 streaming (S) of 12 KV heads"))
        #expect(HeadPatternMap.fixed2(0.126) == "0.13" && HeadPatternMap.fixed2(1) == "1.00")
    }
}
