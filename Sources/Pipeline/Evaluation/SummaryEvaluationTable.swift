import Foundation

/// An evaluation report as plain-text tables for a terminal: quality (one
/// row per document and a total row), then cost, then — verbose — each
/// document's findings.
public enum SummaryEvaluationTable {
    public static func render(_ report: SummaryEvaluationReport, verbose: Bool = false) -> String {
        var out = "Summaries in \(report.outputDirectory)"
        out += report.summarized
            ? (report.summarizeSeconds.map { String(format: ", summarized in %.1f s", $0) } ?? "")
            : " (existing outputs, not summarized)"
        out += "\n\n" + quality(report) + "\n\n" + methods(report) + cost(report) + "\n"
        let problems = report.documents.filter { $0.status != .scored || $0.error != nil }
        if !problems.isEmpty {
            out += "\n" + problems.map { "\($0.document): \($0.status.rawValue)\($0.error.map { " — \($0)" } ?? "")" }
                .joined(separator: "\n") + "\n"
        }
        if verbose { out += findings(report) }
        out += "\nCounts are count/total with their ratio; `precis help eval summaries` explains each column.\n"
        return out
    }

    static func quality(_ report: SummaryEvaluationReport) -> String {
        let header = ["document", "recall", "artifacts json/md", "repeated", "cross-part", "cut-off", "dangling",
                      "unsupported", "citations", "table cites", "located"]
        func row(_ name: String, _ f: SummaryFigures) -> [String] {
            [name, ratio(f.recall), "\(f.artifactsJson.total)/\(f.artifactsMarkdown.total)",
             ratio(Ratio(f.repeatedSentences, of: f.sentences)), String(f.crossPartRepeats),
             ratio(Ratio(f.cutOffLines, of: f.proseLines)), ratio(Ratio(f.danglingPoints, of: f.points)),
             ratio(f.unsupportedClaims), ratio(f.citationAccuracy), ratio(f.structureCitationAccuracy), ratio(f.locatedAccuracy)]
        }
        return table(header, report.documents.map { row($0.document, $0.figures) } + [row("total", report.totals)])
    }

    /// Citation accuracy of each attribution method on the same points, when the run compared them.
    static func methods(_ report: SummaryEvaluationReport) -> String {
        let byMethod = report.totals.citationAccuracyByMethod
        guard !byMethod.isEmpty else { return "" }
        let cells = AttributionMethod.allCases.compactMap { m in byMethod[m.rawValue].map { "\(m.rawValue) \(ratio($0))" } }
        return "citation accuracy by method, on every point written (kept or dropped): " + cells.joined(separator: ", ") + "\n\n"
    }

    static func cost(_ report: SummaryEvaluationReport) -> String {
        let header = ["document", "points", "dropped", "doc tokens", "gen tokens", "prefill s", "gen s", "wall s"]
        func row(_ name: String, _ f: SummaryFigures) -> [String] {
            [name, String(f.points), String(f.droppedPoints), String(f.documentTokens), String(f.generatedTokens),
             String(format: "%.1f", f.prefillSeconds), String(format: "%.1f", f.generateSeconds),
             f.wallSeconds.map { String(format: "%.1f", $0) } ?? "–"]
        }
        return table(header, report.documents.map { row($0.document, $0.figures) } + [row("total", report.totals)])
    }

    static func findings(_ report: SummaryEvaluationReport) -> String {
        var out = ""
        for d in report.documents {
            out += "\n## \(d.document)\(d.format.map { " (\($0.rawValue) format)" } ?? "")\n"
            func list(_ title: String, _ items: [String]) {
                guard !items.isEmpty else { return }
                out += "\(title):\n" + items.map { "  - \($0)" }.joined(separator: "\n") + "\n"
            }
            list("missed facts", d.missedFacts)
            list("unsupported numbers", d.unsupportedNumbers)
            list("unsupported names", d.unsupportedNames)
            list("repeated sentences", d.repeated)
            list("cut-off lines", d.cutOff)
            list("points whose citations do not hold them", d.inaccurateCitations)
            list("facts whose evidence matches no block", d.evidenceNotFound)
        }
        return out
    }

    /// "count/total 0.42", or "–" when there is nothing to count.
    static func ratio(_ r: Ratio) -> String {
        guard let value = r.ratio else { return "–" }
        return String(format: "%d/%d %.2f", r.count, r.total, value)
    }

    /// Columns padded to their widest cell: the first left-aligned, the rest right-aligned; a rule above the last row.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [line(header)]
        for (i, row) in rows.enumerated() {
            if i == rows.count - 1 { lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))) }
            lines.append(line(row))
        }
        return lines.joined(separator: "\n")
    }
}
