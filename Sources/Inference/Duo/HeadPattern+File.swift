import Foundation
import GGUF

/// Reading and writing the reference's `full_attention_heads.tsv` and its
/// JSON sidecar.
///
/// TSV: one line per layer, one tab-separated float per KV head (spaces
/// are accepted too; `#` lines and blank lines are skipped, as numpy's
/// `loadtxt` does). Any float syntax Swift parses is accepted ("1",
/// "0.25", "9.876e-01"); values are clipped to [0, 1].
extension HeadPattern {
    /// The sidecar path of a TSV path: `.json` replacing a `.tsv` extension
    /// (appended when the path has another extension).
    public static func sidecarPath(forTSV path: String) -> String {
        path.hasSuffix(".tsv") ? String(path.dropLast(4)) + ".json" : path + ".json"
    }

    /// Loads the TSV at `path` and its sidecar when present.
    public static func load(path: String) throws -> HeadPattern {
        let text = try readText(path)
        let alphas = try parseTSV(text, path: path)
        let sidecar = sidecarPath(forTSV: path)
        var info = HeadPatternInfo()
        if FileManager.default.fileExists(atPath: sidecar) {
            info = try parseSidecar(Data(try readText(sidecar).utf8), path: sidecar)
        }
        return try HeadPattern(alphas: alphas, info: info, source: path)
    }

    /// Writes the TSV to `path` and the sidecar next to it, each atomically
    /// (temporary file, fsync, rename).
    public func write(path: String) throws {
        do {
            try AtomicFile.write(Array(tsv().utf8), to: path)
            try AtomicFile.write(Array(try sidecarJSON()), to: Self.sidecarPath(forTSV: path))
        } catch let e as HeadPatternError {
            throw e
        } catch {
            throw HeadPatternError.io(path: path, reason: "\(error)")
        }
    }

    /// The gates as TSV text: shortest round-tripping decimal per value.
    public func tsv() -> String {
        alphas.map { row in row.map { "\($0)" }.joined(separator: "\t") + "\n" }.joined()
    }

    /// The sidecar as pretty-printed, key-sorted JSON.
    public func sidecarJSON() throws -> Data {
        try JSONFormat.data(info)
    }

    /// Parses TSV text into rows of unclipped gates; `path` names the
    /// source in errors (1-based line and column numbers).
    public static func parseTSV(_ text: String, path: String) throws -> [[Float]] {
        var rows: [[Float]] = []
        var width: Int?
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = rawLine.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            var row: [Float] = []
            row.reserveCapacity(fields.count)
            for (j, field) in fields.enumerated() {
                guard let v = Float(field), !v.isNaN else {
                    throw HeadPatternError.notANumber(path: path, line: i + 1, column: j + 1, field: String(field))
                }
                row.append(v)
            }
            if let width, row.count != width {
                throw HeadPatternError.ragged(path: path, line: i + 1, expected: width, found: row.count)
            }
            width = row.count
            rows.append(row)
        }
        guard !rows.isEmpty else { throw HeadPatternError.empty(path: path) }
        return rows
    }

    /// Parses sidecar JSON; `path` names it in errors.
    public static func parseSidecar(_ data: Data, path: String) throws -> HeadPatternInfo {
        let info: HeadPatternInfo
        do {
            info = try JSONFormat.decoder.decode(HeadPatternInfo.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw HeadPatternError.badSidecar(path: path, reason: "'\(key)' has the wrong type")
        } catch {
            throw HeadPatternError.badSidecar(path: path, reason: "not a JSON object")
        }
        if let problem = info.problem() { throw HeadPatternError.badSidecar(path: path, reason: problem) }
        return info
    }

    private static func readText(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
            throw HeadPatternError.io(path: path, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HeadPatternError.io(path: path, reason: "not UTF-8 text")
        }
        return text
    }
}
