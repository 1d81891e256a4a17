import Foundation
import Testing
@testable import Pipeline

/// `index.md` in `--out` was overwritten without a word, `--out` equal to the
/// input wrote into it, and `/`, `~`, `../..` were not guarded: Precis now
/// writes only into a directory it created or marked.
struct OutputDirectoryTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-outdir-\(UUID().uuidString)")
    var docs: URL { root.appendingPathComponent("docs") }

    func setUp() throws {
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("a document".utf8).write(to: docs.appendingPathComponent("a.txt"))
    }

    func expectRefused(_ output: URL, _ fragment: String, home: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try OutputDirectory.claim(output, inputs: [docs], home: home)
        } throws: { error in
            guard case PipelineError.unsafeOutput(output.path, let problem) = error else { return false }
            return problem.contains(fragment)
        }
    }

    @Test func newAndEmptyDirectoriesAreClaimedAndMarked() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try setUp()
        let fresh = root.appendingPathComponent("out/nested")
        try OutputDirectory.claim(fresh, inputs: [docs])
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent(".precis-output").path))
        try OutputDirectory.claim(fresh, inputs: [docs])
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try OutputDirectory.claim(empty, inputs: [docs])
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(".precis-output").path))
    }

    @Test func someoneElsesDirectoryIsLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try setUp()
        let theirs = root.appendingPathComponent("theirs")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try Data("my own index".utf8).write(to: theirs.appendingPathComponent("index.md"))
        expectRefused(theirs, "not empty and Precis did not create it")
        #expect(try String(contentsOf: theirs.appendingPathComponent("index.md"), encoding: .utf8) == "my own index")
        #expect(!FileManager.default.fileExists(atPath: theirs.appendingPathComponent(".precis-output").path))
    }

    @Test func inputsRootAndHomeAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try setUp()
        expectRefused(docs, "it is the input")
        expectRefused(root, "it contains the input")
        expectRefused(URL(fileURLWithPath: "/"), "root directory")
        expectRefused(URL(fileURLWithPath: "/"), "root directory", home: "/")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        expectRefused(home, "home directory", home: home.path)
        let upTwo = URL(fileURLWithPath: docs.path + "/../..")
        expectRefused(upTwo, "it contains the input")
        let inside = docs.appendingPathComponent("summaries")
        try OutputDirectory.claim(inside, inputs: [docs])
    }

    @Test func anEarlierPrecisOutputIsAdopted() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try setUp()
        let old = root.appendingPathComponent("old-out")
        let report = BatchReport(pipeline: "p", started: Date(), seconds: 1, status: "completed", entries: [],
                                 tokensPerSecond: 0)
        try report.write(to: old)
        try OutputDirectory.claim(old, inputs: [docs])
        #expect(FileManager.default.fileExists(atPath: old.appendingPathComponent(".precis-output").path))
    }
}
