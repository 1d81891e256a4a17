import Foundation
import Testing
import GGUF

/// The default model (SmolLM2-135M-Instruct Q4_1) when it is installed:
/// `$PRECIS_MODEL`, else `$PRECIS_HOME/models/…`, else
/// `~/.cache/precis/models/…`; nil when none exists.
let defaultModelPath: String? = {
    let env = ProcessInfo.processInfo.environment
    let name = "models/SmolLM2-135M-Instruct.Q4_1.gguf"
    var candidates: [String] = []
    if let p = env["PRECIS_MODEL"], !p.isEmpty { candidates.append(p) }
    if let h = env["PRECIS_HOME"], !h.isEmpty { candidates.append("\(h)/\(name)") }
    if let x = env["XDG_CACHE_HOME"], !x.isEmpty { candidates.append("\(x)/precis/\(name)") }
    candidates.append("\(NSHomeDirectory())/.cache/precis/\(name)")
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}()

/// Reads the real default model. Skipped (not failed) when the model has not
/// been fetched: run `precis model fetch` or set PRECIS_MODEL to enable it.
@Suite(.enabled(if: defaultModelPath != nil, "default model not installed (run `precis model fetch` or set PRECIS_MODEL)"))
struct RealModelTests {
    /// The whole-file digest is computed once; later loads read it back from
    /// the cache file instead of hashing again. A digest planted in the cache
    /// is what the second load returns, which only a cache read can give.
    @Test func contentFingerprintIsCachedAfterTheFirstLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model-digests.json")
        let cache = ContentDigestCache(file: file)
        let first = try GGUFFile(path: defaultModelPath!).contentFingerprint(cache: cache)
        #expect(first == (try GGUFFile(path: defaultModelPath!).contentFingerprint(cache: nil)))
        #expect(first.count == 64)
        let recorded = try String(contentsOf: file, encoding: .utf8)
        #expect(recorded.contains(first))
        let planted = String(repeating: "ab", count: 32)
        try recorded.replacingOccurrences(of: first, with: planted).write(to: file, atomically: true, encoding: .utf8)
        #expect(try GGUFFile(path: defaultModelPath!).contentFingerprint(cache: cache) == planted)
    }

    @Test func headerAndTensorIndex() throws {
        let f = try GGUFFile(path: defaultModelPath!)
        #expect(f.architecture == "llama")
        #expect(f.int("llama.block_count") == 30)
        #expect(f.tensorInfos.count == 272)
        #expect(f.alignment == 32)
        let counts = Dictionary(grouping: f.tensorInfos, by: \.type).mapValues(\.count)
        #expect(counts == [.q4_1: 210, .f32: 61, .q8_0: 1])
        #expect(try f.strings("tokenizer.ggml.tokens")?.count == 49152)
        let embd = try #require(f.tensors["token_embd.weight"])
        #expect(embd.shape == [576, 49152] && embd.type == .q8_0)
    }

    /// Values from the `gguf` package's dequantize on the same file.
    @Test(arguments: [
        ("token_embd.weight", [Float(-0x1.86p-6), -0x1.04p-6, -0x1.45p-5, 0x1.04p-6], 0.35922718048095703),
        ("blk.0.ffn_down.weight", [Float(0x1.61p-3), -0x1.914p-3, 0x1.dcp-7, -0x1.738p-4], 6.04815673828125),
    ])
    func rowsMatchReference(name: String, head: [Float], sum: Double) throws {
        let f = try GGUFFile(path: defaultModelPath!)
        let info = try #require(f.tensors[name])
        var row = [Float](repeating: .nan, count: info.rowLength)
        try row.withUnsafeMutableBufferPointer { try Dequantize.row(1, of: info, in: f, to: $0.baseAddress!) }
        #expect(Array(row.prefix(4)) == head)
        #expect(abs(row.reduce(0.0) { $0 + Double($1) } - sum) < 1e-4)
        try row.withUnsafeMutableBufferPointer { try Dequantize.row(0, of: info, in: f, to: $0.baseAddress!) }
        #expect(row.allSatisfy { $0.isFinite })
    }
}
