/// A text heatmap of a head pattern: one row per layer, one cell per KV
/// head with a shade for α, its value and its kind at a sparsity.
///
/// Shades: `░` α < 0.25, `▒` < 0.5, `▓` < 0.75, `█` ≥ 0.75. Meant for
/// terminals; `precis heads show` prints it.
public struct HeadPatternMap: Sendable {
    public let pattern: HeadPattern
    public let sparsity: Double
    public let kinds: [[HeadKind]]

    public init(pattern: HeadPattern, sparsity: Double) {
        self.pattern = pattern
        self.sparsity = sparsity
        self.kinds = pattern.kinds(sparsity: sparsity)
    }

    public var streamingCount: Int { kinds.count(of: .streaming) }
    public var retrievalCount: Int { kinds.count(of: .retrieval) }

    /// The shade character for a gate.
    public static func shade(_ alpha: Float) -> Character {
        alpha < 0.25 ? "░" : alpha < 0.5 ? "▒" : alpha < 0.75 ? "▓" : "█"
    }

    /// The map: a header line, then `layer | cells | retrieval count` rows,
    /// e.g. `  3 │ █ 0.91 R  ░ 0.04 S  ▒ 0.33 S │ 1R`.
    public var text: String {
        let layerWidth = max(5, String(pattern.layerCount - 1).count)
        func pad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines: [String] = []
        let heads = (0..<pattern.kvHeadCount).map { pad("kv\($0)", 8) }.joined(separator: "  ")
        lines.append(pad("layer", layerWidth) + " │ " + heads + " │ kept")
        for (l, row) in pattern.alphas.enumerated() {
            let cells = row.enumerated().map { h, a in
                "\(Self.shade(a)) \(Self.fixed2(a)) \(kinds[l][h].letter)"
            }.joined(separator: "  ")
            let kept = kinds[l].filter { $0 == .retrieval }.count
            lines.append(pad("\(l)", layerWidth) + " │ " + cells + " │ \(kept)R")
        }
        return lines.joined(separator: "\n")
    }

    /// A summary line: counts at the sparsity and the threshold α.
    public var summary: String {
        let total = pattern.totalHeads
        var s = "sparsity \(Self.fixed2(Float(sparsity))): \(retrievalCount) retrieval (R) and \(streamingCount) "
            + "streaming (S) of \(total) KV heads"
        if let t = pattern.threshold(sparsity: sparsity) { s += "; streaming heads have α ≤ \(Self.fixed2(t))" }
        return s
    }

    /// `x` with two decimals (no Foundation formatting needed).
    static func fixed2(_ x: Float) -> String {
        let hundredths = Int((Double(x) * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let v = abs(hundredths)
        let frac = v % 100
        return "\(sign)\(v / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
