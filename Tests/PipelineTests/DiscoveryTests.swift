import Foundation
import Testing
@testable import Pipeline

@Suite("Globs")
struct GlobTests {
    func matches(_ pattern: String, _ path: String) throws -> Bool { try Glob(pattern).matches(path) }

    @Test func starAndQuestionMarkStayInOneComponent() throws {
        #expect(try matches("*.md", "notes.md"))
        #expect(try matches("*.md", "deep/er/notes.md"), "a pattern without / matches the file name at any depth")
        #expect(try !matches("*.md", "notes.mdx"))
        #expect(try matches("docs/*.md", "docs/a.md"))
        #expect(try !matches("docs/*.md", "docs/sub/a.md"))
        #expect(try matches("ch??.txt", "ch01.txt"))
        #expect(try !matches("ch??.txt", "ch1.txt"))
        #expect(try !matches("a?b", "a/b"))
    }

    @Test func globstar() throws {
        #expect(try matches("**/*.md", "a.md"))
        #expect(try matches("**/*.md", "x/y/a.md"))
        #expect(try matches("docs/**", "docs/a/b.txt"))
        #expect(try !matches("docs/**", "other/docs.txt"))
        #expect(try matches("docs/**/final.md", "docs/final.md"))
        #expect(try matches("docs/**/final.md", "docs/a/b/final.md"))
        #expect(try !matches("docs/**/final.md", "docs/a/b/final.mdx"))
        #expect(try matches("/top/*.md", "top/a.md"), "a leading / is ignored")
    }

    @Test func characterSets() throws {
        #expect(try matches("[abc].txt", "b.txt"))
        #expect(try !matches("[abc].txt", "d.txt"))
        #expect(try matches("v[0-9].md", "v7.md"))
        #expect(try matches("v[!0-9].md", "vx.md"))
        #expect(try !matches("v[^0-9].md", "v3.md"))
        #expect(try matches("[]]x", "]x"))
        #expect(try matches("a\\*b", "a*b"))
        #expect(try !matches("a\\*b", "axb"))
    }

    @Test func badPatterns() {
        #expect(throws: Glob.Problem.self) { try Glob("[abc") }
        #expect(throws: Glob.Problem.self) { try Glob("a\\") }
        #expect(throws: Glob.Problem.self) { try Glob("[z-a]") }
        #expect(throws: Glob.Problem.self) { try Glob("") }
    }
}

@Suite("Document discovery")
struct DocumentDiscoveryTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-discover-\(UUID().uuidString)")

    /// Creates files (and their directories) under `root`.
    func make(_ paths: [String]) throws {
        for path in paths {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
    }

    func found(_ discovery: DocumentDiscovery) throws -> [String] {
        try discovery.discover().filter { !$0.linkNotFollowed }.map(\.relativePath)
    }

    @Test func walksRecursivelySortedAndSkipsHidden() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["in/b.md", "in/a.txt", "in/sub/c.epub", "in/.hidden.md", "in/.git/config", "in/sub/.cache/x.md"])
        let docs = try DocumentDiscovery(inputs: [root.appendingPathComponent("in")]).discover()
        #expect(docs.map(\.relativePath) == ["a.txt", "b.md", "sub/c.epub"])
        #expect(docs.allSatisfy { $0.root == root.appendingPathComponent("in") })
        #expect(docs[2].url == root.appendingPathComponent("in/sub/c.epub"))
    }

    @Test func skipsTheOutputDirectory() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["docs/a.md", "docs/out/a.summary.md", "docs/nested/out/keep.md"])
        let discovery = DocumentDiscovery(inputs: [root.appendingPathComponent("docs")],
                                          skipDirectories: [root.appendingPathComponent("docs/out/")])
        #expect(try found(discovery) == ["a.md", "nested/out/keep.md"])
    }

    @Test func includeAndExclude() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["d/a.md", "d/b.txt", "d/drafts/c.md", "d/x/y/d.md", "d/x/e.md~", "d/book.epub"])
        let inputs = [root.appendingPathComponent("d")]
        let mdOnly = DocumentDiscovery(inputs: inputs, include: [try Glob("*.md"), try Glob("*.epub")])
        #expect(try found(mdOnly) == ["a.md", "book.epub", "drafts/c.md", "x/y/d.md"])
        let noDrafts = DocumentDiscovery(inputs: inputs, include: [try Glob("**/*.md")],
                                         exclude: [try Glob("drafts")])
        #expect(try found(noDrafts) == ["a.md", "x/y/d.md"])
        let anchored = DocumentDiscovery(inputs: inputs, include: [try Glob("x/**")], exclude: [try Glob("*~")])
        #expect(try found(anchored) == ["x/y/d.md"])
    }

    @Test func filesGivenDirectlyAndOverlapsAreDeduplicated() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["d/a.md", "d/sub/b.md"])
        let discovery = DocumentDiscovery(inputs: [root.appendingPathComponent("d/sub/b.md"),
                                                   root.appendingPathComponent("d"),
                                                   root.appendingPathComponent("d/sub")])
        let docs = try discovery.discover()
        #expect(docs.map(\.url.lastPathComponent) == ["a.md", "b.md"])
        #expect(docs.map(\.relativePath) == ["a.md", "sub/b.md"])
    }

    /// `passwd-link.txt -> /etc/passwd` reached the catalog (and `ask --all`):
    /// links are read only when their target stays inside the inputs.
    @Test func linksDoNotLeaveTheInputsUnlessAsked() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["d/a.md", "d/.store/c.md", "elsewhere/b.md", "elsewhere/more/e.md"])
        let fm = FileManager.default
        func link(_ name: String, _ target: URL) throws {
            try fm.createSymbolicLink(at: root.appendingPathComponent(name), withDestinationURL: target)
        }
        try link("d/inside.md", root.appendingPathComponent("d/.store/c.md"))
        try link("d/outside.md", root.appendingPathComponent("elsewhere/b.md"))
        try link("d/passwd-link.txt", URL(fileURLWithPath: "/etc/passwd"))
        try link("d/away", root.appendingPathComponent("elsewhere/more"))
        try link("d/loop", root.appendingPathComponent("d"))
        let inputs = [root.appendingPathComponent("d")]
        #expect(try found(DocumentDiscovery(inputs: inputs)) == ["a.md", "inside.md"])
        #expect(try DocumentDiscovery(inputs: inputs).discover().filter(\.linkNotFollowed).map(\.relativePath)
            == ["outside.md", "passwd-link.txt"], "listed as not followed, so a run can say why")
        let both = inputs + [root.appendingPathComponent("elsewhere")]
        #expect(try found(DocumentDiscovery(inputs: both)) == ["a.md", "inside.md", "outside.md", "more/e.md"])
        let followed = try found(DocumentDiscovery(inputs: inputs, followSymlinks: true))
        #expect(followed == ["a.md", "away/e.md", "inside.md", "outside.md", "passwd-link.txt"])
        #expect(try found(DocumentDiscovery(inputs: [root.appendingPathComponent("d/passwd-link.txt")])) == ["passwd-link.txt"],
                "a link given directly is the user's choice")
    }

    @Test func missingInputIsAnError() {
        #expect(throws: PipelineError.inputMissing(path: root.appendingPathComponent("nope").path)) {
            try DocumentDiscovery(inputs: [root.appendingPathComponent("nope")]).discover()
        }
    }

    @Test func fromPipelineConfig() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try make(["p/docs/a.md", "p/docs/out/a.md", "p/docs/b.vtt"])
        let file = root.appendingPathComponent("p/pipeline.yaml")
        try "name: t\ninputs:\n  paths: docs\n  exclude: '*.vtt'\noutput: docs/out\n".write(to: file, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(file: file)
        #expect(try found(DocumentDiscovery(config: config)) == ["a.md"])
    }
}
