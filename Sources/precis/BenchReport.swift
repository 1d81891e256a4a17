import Foundation
import Inference
import InferenceLab
import Ingest

/// Precis and llama.cpp figures side by side, with ratios; with DuoAttention
/// on, precis with full attention is measured in the same run too.
struct BenchReport: Encodable {
    var precis: EngineBenchmark.Result
    /// Full attention, when `precis` ran DuoAttention.
    var full: EngineBenchmark.Result?
    var llamaCpp: LlamaBench.Result?
    var attention: String
    var rounds = 1

    enum CodingKeys: String, CodingKey { case precis, full = "precis_full_attention", llamaCpp = "llama_cpp", ratios, attention }

    /// `precis / llama.cpp` per measure, and `precis / full` prefixed `duo_vs_full_`.
    var ratios: [String: Double] {
        var r: [String: Double] = [:]
        for (name, value) in measures(precis) {
            if let p = llamaCpp, let o = measures(p)[name] { r[name] = value / o }
            if let f = full, let o = measures(f)[name] { r["duo_vs_full_" + name] = value / o }
        }
        if let f = full { for (depth, bytes) in precis.kvBytes { if let o = f.kvBytes[depth] { r["duo_vs_full_kv_bytes@\(depth)"] = Double(bytes) / Double(o) } } }
        return r
    }

    private func measures(_ e: EngineBenchmark.Result) -> [String: Double] {
        var m = ["prefill": e.prefillTokS]
        for (depth, v) in e.decodeTokS { m["decode@\(depth)"] = v }
        for (depth, v) in e.prefillAtDepthTokS { m["prefill@\(depth)"] = v }
        if let d = e.documentPrefillTokS { m["prefill_document"] = d }
        return m
    }

    private func measures(_ p: LlamaBench.Result) -> [String: Double] {
        var m = ["prefill": p.prefillTokS]
        for (depth, v) in p.decodeTokS { m["decode@\(depth)"] = v }
        if let d = p.documentPrefillTokS { m["prefill_document"] = d }
        return m
    }

    /// GB/s of K/V a decode step at `depth` reads, over the time it takes
    /// beyond a step at depth 0 (the cost of attention over the cache).
    private func attentionRate(_ e: EngineBenchmark.Result, _ depth: String) -> Double? {
        guard let bytes = e.attendedBytes[depth], let deep = e.decodeTokS[depth], let shallow = e.decodeTokS["0"] else { return nil }
        let seconds = 1 / deep - 1 / shallow
        return seconds > 0 ? Double(bytes) / seconds / 1e9 : nil
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precis, forKey: .precis)
        try c.encodeIfPresent(full, forKey: .full)
        try c.encodeIfPresent(llamaCpp, forKey: .llamaCpp)
        try c.encode(ratios, forKey: .ratios)
        try c.encode(attention, forKey: .attention)
    }

    var table: String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
        func ratio(_ a: Double, _ b: Double?) -> String { b.map { String(format: "%.2f×", a / $0) } ?? "-" }
        func row(_ name: String, _ v: Double, _ fullValue: Double?, _ peer: Double?) -> String {
            var line = name.padding(toLength: 20, withPad: " ", startingAt: 0) + "  " + f(v).leftPad(7)
            if full != nil { line += "  " + f(fullValue).leftPad(7) + "  " + ratio(v, fullValue).leftPad(7) }
            return line + "  " + f(peer).leftPad(10) + "  " + ratio(v, peer).leftPad(6)
        }
        var lines = ["precis: \(attention)"]
        lines.append("measure               precis" + (full != nil ? "     full  vs full" : "") + "   llama.cpp   ratio")
        lines.append(row("prefill 512 tok/s", precis.prefillTokS, full?.prefillTokS, llamaCpp?.prefillTokS))
        for (depth, v) in precis.prefillAtDepthTokS.sorted(by: { Int($0.key)! < Int($1.key)! }) {
            lines.append(row("prefill 512 →@\(depth)", v, full?.prefillAtDepthTokS[depth], nil))
        }
        for (depth, v) in precis.decodeTokS.sorted(by: { Int($0.key)! < Int($1.key)! }) {
            lines.append(row("decode @\(depth) tok/s", v, full?.decodeTokS[depth], llamaCpp?.decodeTokS[depth]))
        }
        if let d = precis.documentPrefillTokS {
            lines.append(row("prefill doc tok/s", d, full?.documentPrefillTokS, llamaCpp?.documentPrefillTokS))
        }
        for (depth, bytes) in precis.kvBytes.sorted(by: { Int($0.key)! < Int($1.key)! }) {
            var line = "KV cache @\(depth)".padding(toLength: 20, withPad: " ", startingAt: 0) + "  " + "\(bytes / 1024) KiB"
            if let o = full?.kvBytes[depth] { line += String(format: " (%.2f× of full attention's %d KiB)", Double(bytes) / Double(o), o / 1024) }
            lines.append(line)
        }
        for depth in precis.attendedBytes.keys.sorted(by: { Int($0)! < Int($1)! }) where depth != "0" {
            guard let ours = attentionRate(precis, depth) else { continue }
            var line = "attention @\(depth)".padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "  %.1f GB/s of K/V", ours)
            if let f = full, let theirs = attentionRate(f, depth) { line += String(format: " (full attention %.1f GB/s)", theirs) }
            lines.append(line + " — bytes attended ÷ time above decode @0")
        }
        lines.append("peak memory           \(precis.peakMemoryBytes / 1_048_576) MiB")
        if llamaCpp == nil { lines.append("(llama.cpp not measured: `make bench-peer` builds llama-bench to compare)") }
        if rounds > 1 { lines.append("medians of \(rounds) rounds, Precis and llama.cpp in turn") }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
