import Foundation
import FuzzSupport

/// The shipped pipeline files (pipelines/*.yaml) and every pipeline written
/// out in the pipeline tests: the multi-line string literals of
/// Tests/PipelineTests that hold a `name:` key, and the one-line literals
/// that start with one.
enum PipelineSeeds {
    static func make() -> [(name: String, bytes: [UInt8])] {
        let shipped = Fuzz.read(Fuzz.files(in: Fuzz.repository.appendingPathComponent("pipelines"),
                                           extensions: ["yaml", "yml"]))
        let tests = Fuzz.files(in: Fuzz.tests.appendingPathComponent("PipelineTests"), extensions: ["swift"])
        let written = tests.flatMap { url -> [(name: String, bytes: [UInt8])] in
            let source = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            return (literals(in: source) + oneLiners(in: source)).enumerated().map { ("\(url.deletingPathExtension().lastPathComponent)-\($0.offset).yaml", Array($0.element.utf8)) }
        }
        return shipped + written
    }

    /// The one-line string literals of `source` that start with `name:`, unescaped.
    static func oneLiners(in source: String) -> [String] {
        var out: [String] = []
        var rest = Substring(source)
        while let start = rest.range(of: "\"name: ") {
            var text = "", escaped = false
            var i = rest.index(after: start.lowerBound)
            while i < rest.endIndex, rest[i] != "\n" {
                let c = rest[i]
                if escaped {
                    text.append(["n": "\n", "t": "\t"][c] ?? c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    break
                } else {
                    text.append(c)
                }
                i = rest.index(after: i)
            }
            out.append(text)
            rest = rest[i...]
        }
        return out
    }

    /// The `"""` literals of `source` that mention `name:`, de-indented as Swift would.
    static func literals(in source: String) -> [String] {
        var out: [String] = [], current: [Substring]?
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if var body = current {
                if trimmed.hasPrefix("\"\"\"") {
                    let indent = line.count - trimmed.count
                    let text = body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
                        .joined(separator: "\n") + "\n"
                    if text.contains("name:") { out.append(text) }
                    current = nil
                } else {
                    body.append(line)
                    current = body
                }
            } else if line.hasSuffix("\"\"\"") && !trimmed.hasPrefix("\"\"\"") || trimmed == "\"\"\"" {
                current = []
            }
        }
        return out
    }
}
