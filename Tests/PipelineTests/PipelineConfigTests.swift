import Foundation
import Snapshot
import Testing
import Inference
@testable import Pipeline

/// Parses pipeline YAML as if read from `/srv/p/pipelines/x.yaml`.
func parsePipeline(_ yaml: String) throws -> PipelineConfig {
    try PipelineConfigParser(file: URL(fileURLWithPath: "/srv/p/pipelines/x.yaml"), displayName: "pipelines/x.yaml",
                             home: "/home/u").parse(yaml)
}

/// Expects `yaml` to be rejected at `line` with a message containing `fragment`.
func expectConfigError(_ yaml: String, line: Int?, _ fragment: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try parsePipeline(yaml)
        Issue.record("expected an error containing \"\(fragment)\"", sourceLocation: sourceLocation)
    } catch let error as PipelineError {
        guard case let .config(file, errorLine, problem) = error else {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(file == "pipelines/x.yaml", sourceLocation: sourceLocation)
        #expect(errorLine == line, "\(error)", sourceLocation: sourceLocation)
        #expect(problem.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("Pipeline files")
struct PipelineConfigTests {
    @Test func shippedSamplesPipelineParses() throws {
        let config = try PipelineConfig.load(file: repositoryRoot.appendingPathComponent("pipelines/samples.yaml"))
        #expect(config.name == "samples")
        #expect(config.inputs.paths == [repositoryRoot.appendingPathComponent("samples").standardizedFileURL])
        #expect(config.output.path == repositoryRoot.appendingPathComponent("out").path)
        #expect(config.schedule == nil)
        #expect(config.inputs.exclude.isEmpty)  // every format of every sample
        #expect(config.summary.length(for: .transcript) == .short)
        #expect(config.summary.length(for: .book) == .short)
    }

    @Test func shippedNightlyPipelineParses() throws {
        let config = try PipelineConfig.load(nameOrPath: "nightly", searchDirectory: repositoryRoot)
        #expect(config.name == "nightly")
        #expect(config.schedule?.source == "30 2 * * *")
        #expect(config.retention.snapshotsMaxBytes == 2_000_000_000)
        #expect(config.retention.snapshotsOlderThan == TimeInterval(30 * 86400))
        #expect(config.engine.codec == .int8)
        #expect(config.engine.sparsity == 0.5)
        #expect(config.summary.length(for: .legal) == .words(600))
        #expect(config.summary.prompts(for: .legal).summary.text.contains("for someone who"))
        #expect(config.summary.prompts(for: .legal).merge == GenrePrompts.defaults(for: .legal).merge)
        #expect(config.summary.prompts(for: .transcript).section.usedPlaceholders
                == ["section", "title", "previous", "words"])
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        #expect(config.inputs.paths.first?.path == home + "/Documents/inbox")
    }

    /// The YAML library composes recursively; 5,000 levels used to overflow the stack.
    @Test func deeplyNestedYAMLIsRefusedBeforeParsing() {
        let flow = "name: x\ninputs: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        expectConfigError(flow, line: 2, "nested deeper than 64 levels")
        expectConfigError(String(repeating: "- ", count: 5000) + "x\n", line: 1, "nested deeper than 64 levels")
        let block = (0..<5000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        expectConfigError(block, line: 65, "nested deeper than 64 levels")
        #expect(YAMLDepth.firstLineTooDeep("a:\n  b: [1, {c: \"[[[[\"}]  # [[[[\n  d:\n    - - e\n") == nil)
    }

    @Test func minimalFileGetsDefaults() throws {
        let config = try parsePipeline("name: x\ninputs: docs\n")
        #expect(config.inputs.paths.map(\.path) == ["/srv/p/pipelines/docs"])
        #expect(config.output.path == "/srv/p/pipelines/out")
        #expect(config.engine == EngineSettings())
        #expect(config.summary.length == .medium)
        #expect(config.summary.prompts(for: .book) == GenrePrompts.defaults(for: .book))
        #expect(config.schedule == nil)
        #expect(config.retention == RetentionPolicy())
    }

    @Test func pathsResolveAgainstTheFileAndHome() throws {
        let config = try parsePipeline("""
            name: x
            inputs:
              paths: [../a, /abs/b, ~/c]
              include: "*.md"
            output: ../../out
            model: {path: m.gguf, pattern: ../heads.tsv}
            """)
        #expect(config.inputs.paths.map(\.path) == ["/srv/p/a", "/abs/b", "/home/u/c"])
        #expect(config.inputs.include.map(\.pattern) == ["*.md"])
        #expect(config.output.path == "/srv/out")
        #expect(config.engine.model?.fileURL?.path == "/srv/p/pipelines/m.gguf")
        #expect(config.engine.pattern?.path == "/srv/p/heads.tsv")
        #expect(try parsePipeline("name: x\ninputs: d\nmodel: /m/x.gguf\n").engine.model?.fileURL?.path == "/m/x.gguf")
    }

    @Test func aModelCanBeARegistryName() throws {
        let qwen = ModelReference.registered("qwen2.5-coder-0.5b")
        #expect(try parsePipeline("name: x\ninputs: d\nmodel: {name: qwen2.5-coder-0.5b, sparsity: 0.5}\n").engine
            == EngineSettings(model: qwen, sparsity: 0.5))
        #expect(try parsePipeline("name: x\ninputs: d\nmodel: qwen2.5-coder-0.5b\n").engine.model == qwen)
        #expect(try parsePipeline("name: x\ninputs: d\nmodel: {path: qwen2.5-coder-0.5b}\n").engine.model
            == .file(URL(fileURLWithPath: "/srv/p/pipelines/qwen2.5-coder-0.5b")), "'path' is always a file")
        expectConfigError("name: x\ninputs: d\nmodel: {name: qwen}\n", line: 3, "'model.name' must be a registry model (smollm2-135m")
        expectConfigError("name: x\ninputs: d\nmodel: {name: smollm2-135m, path: m.gguf}\n", line: 3, "not both")
    }

    @Test func keysWithoutValuesCountAsAbsent() throws {
        let config = try parsePipeline("name: x\ninputs: d\nmodel:\nprompts:\n  # legal: {summary: 'Summarize.'}\nschedule:\n")
        #expect(config.engine == EngineSettings())
        #expect(config.summary == SummarySettings())
        #expect(config.schedule == nil)
        expectConfigError("name:\ninputs: d\n", line: 1, "missing required key 'name'")
    }

    @Test func modelSettingsAreRead() throws {
        let config = try parsePipeline("""
            name: x
            inputs: d
            model:
              sparsity: 0.75
              sink: 32
              recent: 128
              chunk: 256
              codec: int2
              snapshot_sparsity: 0.9
              numerics: exact
            length: 250
            """)
        #expect(config.engine == EngineSettings(sparsity: 0.75, sink: 32, recent: 128, chunk: 256, codec: .int2,
                                                snapshotSparsity: 0.9, numerics: .exact))
        #expect(config.summary.length == .words(250))
    }

    @Test func unknownKeysNameTheLineAndParent() {
        expectConfigError("name: x\ninputs: d\nmodel:\n  sink: 4\n  sparsty: 0.5\n", line: 5,
                          "unknown key 'sparsty' under 'model' (did you mean 'sparsity'?)")
        expectConfigError("name: x\ninputs: d\n\nschedul: '@daily'\n", line: 4,
                          "unknown key 'schedul' at the top level (did you mean 'schedule'?)")
        expectConfigError("name: x\ninputs:\n  paths: d\n  exclude: [a]\n  includes: [b]\n", line: 5,
                          "unknown key 'includes' under 'inputs'")
        expectConfigError("name: x\ninputs: d\nprompts:\n  novel:\n    summary: 'Summarize.'\n", line: 4,
                          "unknown key 'novel' under 'prompts'")
        expectConfigError("name: x\ninputs: d\nprompts:\n  book:\n    summmary: 'Summarize.'\n", line: 5,
                          "unknown key 'summmary' under 'prompts.book'")
    }

    @Test func badValuesNameTheLine() {
        expectConfigError("name: x\ninputs: d\nmodel:\n  sparsity: 1.5\n", line: 4, "between 0 and 1")
        expectConfigError("name: x\ninputs: d\nmodel:\n  sparsity: half\n", line: 4, "'model.sparsity' must be a number")
        expectConfigError("name: x\ninputs: d\nmodel:\n  codec: int3\n", line: 4, "f16, int8, int4, int2; got 'int3'")
        expectConfigError("name: x\ninputs: d\nmodel:\n  numerics: llama-cpp\n", line: 4, "fast or exact; got 'llama-cpp'")
        expectConfigError("name: x\ninputs: d\nmodel:\n  sink: 0\n", line: 4, "'model.sink' must be a positive integer")
        expectConfigError("name: x\ninputs: d\nmodel:\n  chunk: '512'\n", line: 4, "must be an integer")
        expectConfigError("name: x\ninputs: d\nlength: huge\n", line: 3, "short, medium, long or a number of words (1 to 50000)")
        expectConfigError("name: x\ninputs: d\nlengths:\n  legal: -5\n", line: 4, "'lengths.legal' must be short")
        expectConfigError("name: x\ninputs: d\nschedule: '61 * * * *'\n", line: 3, "(minute field): 61 is out of range")
        expectConfigError("name: x\ninputs: d\nretention:\n  snapshots_max_bytes: 2 parsecs\n", line: 4, "size like 2GB")
        expectConfigError("name: x\ninputs: d\nretention:\n  snapshots_older_than: 30\n", line: 4, "duration like 30d")
        expectConfigError("name: x\ninputs:\n  paths: d\n  include: ['[a-']\n", line: 4, "unclosed '['")
    }

    @Test func badTemplatesNameTheLine() {
        expectConfigError("name: x\ninputs: d\nprompts:\n  legal:\n    merge: 'Merge {txt}'\n", line: 5,
                          "in 'prompts.legal.merge': unknown placeholder {txt}")
        expectConfigError("name: x\ninputs: d\nprompts:\n  book:\n    summary: 'Summarize {text}.'\n", line: 5,
                          "{text} is not a placeholder")
        expectConfigError("name: x\ninputs: d\nprompts:\n  other:\n    section: '{title} {'\n", line: 5, "unclosed '{'")
    }

    @Test func structuralErrors() {
        expectConfigError("inputs: d\n", line: 1, "missing required key 'name'")
        expectConfigError("name: x\n", line: 1, "missing required key 'inputs'")
        expectConfigError("name: my pipeline\ninputs: d\n", line: 1, "'name' may hold only")
        expectConfigError("name: x\ninputs: d\nname: y\n", line: 3, "duplicate key 'name'")
        expectConfigError("name: x\ninputs: d\nmodel: [a, b]\n", line: 3, "'model' must be a mapping")
        expectConfigError("name: x\ninputs: [d\n", line: 3, "not valid YAML")
        expectConfigError("- a\n- b\n", line: 1, "the top level must be a mapping")
        expectConfigError("", line: nil, "empty")
    }

    @Test func errorDescriptionIsFileColonLine() throws {
        #expect {
            try parsePipeline("name: x\ninputs: d\nmodel:\n  sparsty: 0.5\n")
        } throws: { error in
            "\(error)".hasPrefix("pipelines/x.yaml:4: unknown key 'sparsty' under 'model'")
        }
    }

    @Test func loadByNameSearchesPipelinesDirectory() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("pipelines"), withIntermediateDirectories: true)
        try "name: a\ninputs: ../docs\n".write(to: dir.appendingPathComponent("pipelines/a.yml"), atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(nameOrPath: "a", searchDirectory: dir)
        #expect(config.inputs.paths.first?.path == dir.appendingPathComponent("docs").standardizedFileURL.path)
        let byPath = try PipelineConfig.load(nameOrPath: dir.appendingPathComponent("pipelines/a.yml").path)
        #expect(byPath == config)
        #expect {
            try PipelineConfig.load(nameOrPath: "missing", searchDirectory: dir)
        } throws: { error in
            guard case let PipelineError.pipelineNotFound(name, searched) = error else { return false }
            return name == "missing" && searched.count == 2 && searched[0].hasSuffix("pipelines/missing.yaml")
        }
    }
}

@Suite("Pipeline settings hash")
struct ConfigHashTests {
    let base = "name: x\ninputs: d\nlength: medium\nschedule: '0 3 * * *'\n"

    @Test func stableAndHex() throws {
        let hash = try parsePipeline(base).configHash
        #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
        #expect(try parsePipeline(base).configHash == hash)
    }

    @Test func changesWithLengthPromptAndModelSettings() throws {
        let hash = try parsePipeline(base).configHash
        #expect(try parsePipeline(base.replacingOccurrences(of: "medium", with: "long")).configHash != hash)
        #expect(try parsePipeline(base + "lengths: {legal: short}\n").configHash != hash)
        #expect(try parsePipeline(base + "prompts: {book: {merge: 'Join them.'}}\n").configHash != hash)
        #expect(try parsePipeline(base + "model: {sparsity: 0.25}\n").configHash != hash)
        #expect(try parsePipeline(base + "model: {codec: int8}\n").configHash != hash)
        let named = try parsePipeline(base + "model: {name: qwen2.5-coder-0.5b}\n").configHash
        #expect(named != hash)
        #expect(try parsePipeline(base + "model: {path: /m/qwen2.5-coder-0.5b}\n").configHash != named)
        #expect(try parsePipeline(base + "writing: {unsupported: mark}\n").configHash != hash)
        #expect(try parsePipeline(base + "writing: {no_repeat_ngram: 0}\n").configHash != hash)
        #expect(try parsePipeline(base + "writing: {unsupported: drop, citations: combined}\n").configHash == hash)
    }

    @Test func writingSettingsParseAndBadValuesNameTheKey() throws {
        let config = try parsePipeline("name: x\ninputs: d\nwriting:\n  unsupported: mark\n  citations: lexical\n"
                                       + "  no_repeat_ngram: 6\n  repetition_penalty: 1.1\n")
        #expect(config.summary.unsupported == .mark && config.summary.citations == .lexical)
        #expect(config.summary.noRepeatNGram == 6 && config.summary.repetitionPenalty == 1.1)
        #expect(try parsePipeline("name: x\ninputs: d\n").summary.unsupported == .drop, "drop by default")
        expectConfigError("name: x\ninputs: d\nwriting:\n  unsupported: hide\n", line: 4, "must be drop, mark or keep")
        expectConfigError("name: x\ninputs: d\nwriting:\n  no_repeat_ngram: 1\n", line: 4, "must be 0 (off)")
        expectConfigError("name: x\ninputs: d\nwriting:\n  citation: lexical\n", line: 4, "unknown key 'citation'")
    }

    @Test func ignoresScheduleOutputsAndEquivalentSpellings() throws {
        let hash = try parsePipeline(base).configHash
        #expect(try parsePipeline("name: x\ninputs: d\n").configHash == hash)
        #expect(try parsePipeline("name: y\ninputs: [e, f]\noutput: o\nlength: 400\n").configHash == hash)
        #expect(try parsePipeline(base.replacingOccurrences(of: "0 3", with: "30 2")).configHash == hash)
        #expect(try parsePipeline(base + "retention: {snapshots_older_than: 1w}\n").configHash == hash)
    }
}

@Suite("Templates, sizes and durations")
struct SettingValueTests {
    @Test func templateRendersAndEscapes() throws {
        let template = try PromptTemplate("{{literal}} {title}: {section} ({ words } words)")
        #expect(template.render(["title": "T", "section": "body", "words": "50"]) == "{literal} T: body (50 words)")
        #expect(template.usedPlaceholders == ["title", "section", "words"])
        #expect(throws: PromptTemplate.Problem.self) { try PromptTemplate("{title} }") }
    }

    @Test func defaultPromptsAreValidForEveryGenre() {
        for genre in DocumentGenre.allCases {
            let prompts = GenrePrompts.defaults(for: genre)
            for template in [prompts.summary, prompts.merge, prompts.section] {
                #expect(template.usedPlaceholders.contains("words"))
                #expect(!template.text.contains("{text}"))
            }
        }
    }

    @Test func sizes() {
        #expect(RetentionPolicy.parseSize("2GB") == 2_000_000_000)
        #expect(RetentionPolicy.parseSize("1.5 GiB") == 1_610_612_736)
        #expect(RetentionPolicy.parseSize("500mb") == 500_000_000)
        #expect(RetentionPolicy.parseSize("4096") == 4096)
        #expect(RetentionPolicy.parseSize("10 parsecs") == nil)
        #expect(RetentionPolicy.parseSize("GB") == nil)
    }

    @Test func durations() {
        #expect(RetentionPolicy.parseDuration("30d") == 2_592_000)
        #expect(RetentionPolicy.parseDuration("12h") == 43200)
        #expect(RetentionPolicy.parseDuration("1d12h") == 129_600)
        #expect(RetentionPolicy.parseDuration("2w") == 1_209_600)
        #expect(RetentionPolicy.parseDuration("30") == nil)
        #expect(RetentionPolicy.parseDuration("3y") == nil)
    }

    @Test func lengths() {
        #expect(SummaryLength("Short") == .short)
        #expect(SummaryLength("120")?.targetWords == 120)
        #expect(SummaryLength("0") == nil)
        #expect(SummaryLength.long.targetWords > SummaryLength.medium.targetWords)
    }
}
