import Foundation
import Inference

/// Precis and llama.cpp figures side by side, with ratios.
struct BenchReport: Encodable {
    var precis: EngineBenchmark.Result
    var llamaCpp: PeerBenchmark.Result?

    enum CodingKeys: String, CodingKey { case precis, llamaCpp = "llama_cpp", ratios }

    var ratios: [String: Double] {
        guard let p = llamaCpp else { return [:] }
        var r = ["prefill": precis.prefillTokS / p.prefillTokS]
        for (depth, v) in precis.decodeTokS { if let o = p.decodeTokS[depth] { r["decode@\(depth)"] = v / o } }
        return r
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precis, forKey: .precis)
        try c.encodeIfPresent(llamaCpp, forKey: .llamaCpp)
        try c.encode(ratios, forKey: .ratios)
    }

    var table: String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
        func ratio(_ a: Double, _ b: Double?) -> String { b.map { String(format: "%.2f×", a / $0) } ?? "-" }
        var lines = ["measure               precis   llama.cpp   ratio"]
        lines.append("prefill 512 tok/s".padding(toLength: 20, withPad: " ", startingAt: 0)
                     + "  " + f(precis.prefillTokS).leftPad(7) + "  " + f(llamaCpp?.prefillTokS).leftPad(10)
                     + "  " + ratio(precis.prefillTokS, llamaCpp?.prefillTokS).leftPad(6))
        for (depth, v) in precis.decodeTokS.sorted(by: { Int($0.key)! < Int($1.key)! }) {
            let o = llamaCpp?.decodeTokS[depth]
            lines.append("decode @\(depth) tok/s".padding(toLength: 20, withPad: " ", startingAt: 0)
                         + "  " + f(v).leftPad(7) + "  " + f(o).leftPad(10) + "  " + ratio(v, o).leftPad(6))
        }
        lines.append("peak memory           \(precis.peakMemoryBytes / 1_048_576) MiB")
        if llamaCpp == nil { lines.append("(llama.cpp not measured: pip install llama-cpp-python to compare)") }
        return lines.joined(separator: "\n")
    }
}

/// llama.cpp timed by the peer script.
enum PeerBenchmark {
    struct Result: Codable {
        var prefillTokS: Double
        var decodeTokS: [String: Double]
        enum CodingKeys: String, CodingKey { case prefillTokS = "prefill_tok_s", decodeTokS = "decode_tok_s" }
    }

    static func run(script: String, model: String, depths: [Int], decodeTokens: Int, quiet: Bool) throws -> Result? {
        guard FileManager.default.fileExists(atPath: script) else {
            if !quiet { Console.progress("peer: \(script) not found; run from the repository root to compare") }
            return nil
        }
        if !quiet { Console.progress("llama.cpp: timing the same measurements") }
        let args = ["python3", script, "--model", model, "--decode", String(decodeTokens)]
            + (depths.isEmpty ? [] : ["--context"] + depths.map(String.init))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let why = String(decoding: errData, as: UTF8.self).split(separator: "\n").last ?? "failed"
            if !quiet { Console.progress("peer: llama.cpp not measured (\(why))") }
            return nil
        }
        return try JSONDecoder().decode(Result.self, from: data)
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
