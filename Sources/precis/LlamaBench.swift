import Foundation
import Inference
import InferenceLab
import Ingest

/// Native llama.cpp's `llama-bench`, timing what `precis bench engine`
/// times: prefill of 512 tokens at depth 0 and decoding at each depth, with
/// 2 threads and flash attention (`-t 2 -fa 1`), one repetition per round.
/// `make bench-peer` builds it from the vendored llama.cpp source.
enum LlamaBench {
    struct Result: Codable {
        var prefillTokS: Double
        var decodeTokS: [String: Double]
        /// Tok/s of prefilling a whole document (`-p N -n 0`), when measured.
        var documentPrefillTokS: Double?
        enum CodingKeys: String, CodingKey {
            case prefillTokS = "prefill_tok_s", decodeTokS = "decode_tok_s", documentPrefillTokS = "document_prefill_tok_s"
        }
    }

    /// Where `make bench-peer` puts it.
    static let built = ".build/llama.cpp/llama_cpp_python-0.3.36/vendor/llama.cpp/build/bin/llama-bench"

    /// The binary to run: `path`, else `$PRECIS_LLAMA_BENCH`, else the built
    /// one (in the current directory's checkout or the one this precis was
    /// built in), else `llama-bench` on PATH.
    static func locate(_ path: String?) -> String? {
        // precis runs from <checkout>/.build/[<triple>/]<configuration>/precis.
        var checkouts: [String] = []
        var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<3 {
            directory = directory?.deletingLastPathComponent()
            if let directory { checkouts.append(directory.appendingPathComponent(built).path) }
        }
        let candidates = [path, ProcessInfo.processInfo.environment["PRECIS_LLAMA_BENCH"], built].compactMap { $0 } + checkouts
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return dirs.map { "\($0)/llama-bench" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// One round: prefill at depth 0, then decoding at 0 and every depth,
    /// then a whole document of `documentTokens` when given.
    static func run(binary: String, model: String, depths: [Int], decodeTokens: Int, documentTokens: Int?,
                    threads: Int) throws -> Result {
        let common = ["-m", model, "-t", String(threads), "-fa", "1", "-r", "1", "-o", "json"]
        let prefill = try entries(binary, common + ["-p", "512", "-n", "0"])
        let all = ([0] + depths).map(String.init).joined(separator: ",")
        let decode = try entries(binary, common + ["-p", "0", "-n", String(decodeTokens), "-d", all])
        guard let pp = prefill.first(where: { $0.nPrompt > 0 }) else { throw Failure("llama-bench printed no prefill result") }
        var byDepth: [String: Double] = [:]
        for e in decode where e.nGen > 0 { byDepth[String(e.nDepth)] = e.avgTs }
        var document: Double?
        if let documentTokens {
            let doc = try entries(binary, common + ["-p", String(documentTokens), "-n", "0"])
            document = doc.first(where: { $0.nPrompt == documentTokens })?.avgTs
        }
        return Result(prefillTokS: pp.avgTs, decodeTokS: byDepth, documentPrefillTokS: document)
    }

    /// Per-measure medians of several rounds.
    static func median(_ results: [Result]) -> Result? {
        guard let first = results.first else { return nil }
        var decode: [String: Double] = [:]
        for depth in first.decodeTokS.keys { decode[depth] = Median.of(results.compactMap { $0.decodeTokS[depth] }) }
        let documents = results.compactMap(\.documentPrefillTokS)
        return Result(prefillTokS: Median.of(results.map(\.prefillTokS)), decodeTokS: decode,
                      documentPrefillTokS: documents.isEmpty ? nil : Median.of(documents))
    }

    private struct Entry: Decodable {
        var nPrompt: Int, nGen: Int, nDepth: Int, avgTs: Double
        enum CodingKeys: String, CodingKey { case nPrompt = "n_prompt", nGen = "n_gen", nDepth = "n_depth", avgTs = "avg_ts" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    private static func entries(_ binary: String, _ args: [String]) throws -> [Entry] {
        let out = try ChildProcess.run(binary, args)
        guard out.status == 0 else {
            throw Failure("llama-bench exited \(out.status): \(out.stderrText.split(separator: "\n").last ?? "")")
        }
        return try JSONDecoder().decode([Entry].self, from: Data(out.stdout))
    }
}

/// The median of a non-empty list (the mean of the middle two for an even count).
enum Median {
    static func of(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension EngineBenchmark.Result {
    /// Per-measure medians of several rounds (peak memory: the largest).
    static func median(_ results: [Self]) -> Self? {
        guard var m = results.first else { return nil }
        m.prefillTokS = Median.of(results.map(\.prefillTokS))
        for k in m.decodeTokS.keys { m.decodeTokS[k] = Median.of(results.compactMap { $0.decodeTokS[k] }) }
        for k in m.prefillAtDepthTokS.keys { m.prefillAtDepthTokS[k] = Median.of(results.compactMap { $0.prefillAtDepthTokS[k] }) }
        let documents = results.compactMap(\.documentPrefillTokS)
        m.documentPrefillTokS = documents.isEmpty ? nil : Median.of(documents)
        m.peakMemoryBytes = results.map(\.peakMemoryBytes).max() ?? m.peakMemoryBytes
        return m
    }
}
