import Foundation
@testable import Ingest

/// Paths to the committed test corpus and small helpers for assertions.
enum Fixtures {
    static var root: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static func good(_ name: String) -> URL { root.appendingPathComponent("good").appendingPathComponent(name) }
    static func bad(_ name: String) -> URL { root.appendingPathComponent("bad").appendingPathComponent(name) }

    static func files(_ dir: String) -> [String] {
        let url = root.appendingPathComponent(dir)
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func ingest(_ url: URL, options: IngestOptions = IngestOptions()) throws -> Document {
        try Ingester(options: options).ingest(url)
    }
}

extension IngestError {
    /// The case name ("zipBomb"), for comparing errors without their payloads.
    var caseName: String { Mirror(reflecting: self).children.first?.label ?? "\(self)" }
}

extension Document {
    var headings: [String] { sections.compactMap(\.heading) }

    func blocks(where predicate: (Block) -> Bool) -> [Block] { blocks.filter(predicate) }

    var listLabels: [String] {
        blocks.compactMap { if case .listItem(let label, _) = $0.kind { return label } else { return nil } }
    }

    var turns: [(speaker: String?, start: Double?, end: Double?, text: String)] {
        blocks.compactMap {
            if case .turn(let s, let a, let b) = $0.kind { return (s, a, b, $0.text) } else { return nil }
        }
    }

    func section(_ heading: String) -> Section? { sections.first { $0.heading == heading } }
}
