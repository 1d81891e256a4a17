import Foundation
import Testing
import Ingest
@testable import Pipeline

/// The `precis` binary's conventions: exit statuses, usage and error lines,
/// what `ask` prints.
@Suite("Command line", .serialized)
struct CLITests {
    static var binaryBuilt: Bool { EndToEndTests.binary != nil }

    /// Runs `precis ARGS` with a scratch home and the default model; returns status, stdout and stderr.
    static func precis(_ arguments: [String], home: URL, environment: [String: String] = [:],
                       input: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        var env = ["PRECIS_HOME": home.path]
        if let model = ReadingTests.modelPath { env["PRECIS_MODEL"] = model }
        env.merge(environment) { $1 }
        let result = try ChildProcess.run(EndToEndTests.binary?.path ?? "precis", arguments,
                                          input: input.map { Array($0.utf8) }, environment: env)
        return (result.status, result.stdoutText, result.stderrText)
    }

    static func scratch() throws -> URL {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("ask -n 0 is a usage error that points to prefill, before any model is loaded",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func askZeroTokens() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = root.appendingPathComponent("doc.txt")
        try Data(ReadingTests.document.utf8).write(to: doc)
        let result = try Self.precis(["ask", doc.path, "Who pays?", "-n", "0"], home: root.appendingPathComponent("home"))
        #expect(result.status == 64)
        #expect(result.stderr.contains("precis prefill") && result.stdout.isEmpty)
    }

    @Test("a single-document answer is headed by its source",
          .enabled(if: binaryBuilt && ReadingTests.modelPath != nil, "needs the default model and the built precis binary"))
    func askNamesSource() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = root.appendingPathComponent("doc.txt")
        try Data(ReadingTests.document.utf8).write(to: doc)
        let result = try Self.precis(["ask", doc.path, "How much does the Trust pay?", "--greedy", "-n", "8"],
                                     home: root.appendingPathComponent("home"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[\(doc.path)"), "stdout: \(result.stdout)")
    }
    @Test("chat handles /help and unknown commands itself, keeps piped answers apart and says when -n cut one",
          .enabled(if: binaryBuilt && ReadingTests.modelPath != nil, "needs the default model and the built precis binary"))
    func chatCommandsAndPipedAnswers() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let doc = root.appendingPathComponent("doc.txt")
        try Data(ReadingTests.document.utf8).write(to: doc)
        let input = "/help\n/bogus\nHow much does the Trust pay?\nWho maintains the boiler?\n/quit\nNever asked?\n"
        let result = try Self.precis(["chat", doc.path, "--greedy", "-n", "6"], home: root.appendingPathComponent("home"),
                                     input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("/reset") && result.stderr.contains("unknown command /bogus"), "\(result.stderr)")
        let answers = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(answers.count == 3 && answers[2].isEmpty && !answers[0].isEmpty && !answers[1].isEmpty,
                "two answers, each on its own line: \(result.stdout.debugDescription)")
        #expect(result.stderr.components(separatedBy: "(answer cut at 6 tokens").count == 3, "\(result.stderr)")
    }

    @Test("- reads the document from standard input for ingest and ask",
          .enabled(if: binaryBuilt && ReadingTests.modelPath != nil, "needs the default model and the built precis binary"))
    func standardInput() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let ingest = try Self.precis(["ingest", "--text", "-"], home: home, input: "# Boiler\n\nThe Trust pays 400 pounds a year.\n")
        #expect(ingest.status == 0 && ingest.stdout.contains("The Trust pays 400 pounds a year."), "\(ingest.stderr)")
        let ask = try Self.precis(["ask", "-", "How much does the Trust pay?", "--greedy", "-n", "8"], home: home,
                                  input: ReadingTests.document)
        #expect(ask.status == 0 && ask.stdout.hasPrefix("[stdin"), "\(ask.stdout) \(ask.stderr)")
    }

    /// Help text with runs of whitespace folded, so wrapped lines still match.
    static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("--version prints the release", .enabled(if: binaryBuilt, "needs the built precis binary"))
    func version() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.precis(["--version"], home: root)
        #expect(result.status == 0 && result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).first?.isNumber == true)
    }

    @Test("precis --help lists the main commands first", .enabled(if: binaryBuilt, "needs the built precis binary"))
    func mainCommandsFirst() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let lines = try Self.precis(["--help"], home: root).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func line(_ name: String) -> Int { lines.firstIndex { $0.hasPrefix(name + " ") } ?? Int.max }
        let main = ["summarize", "run", "ask", "chat", "schedule"].map(line)
        let others = ["model", "tokenize", "generate", "ingest", "prefill", "snapshots", "eval", "bench", "heads"].map(line)
        #expect(main.allSatisfy { $0 < Int.max } && main == main.sorted())
        #expect(main.max()! < others.min()!, "help lines: \(lines)")
    }

    @Test("--codec help shows the codec's name and --length help the word counts",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func helpTexts() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let ask = Self.folded(try Self.precis(["ask", "--help"], home: root).stdout)
        #expect(ask.contains("(default: int4)") && !ask.contains("(default: 2)"), "\(ask)")
        let summarize = Self.folded(try Self.precis(["summarize", "--help"], home: root).stdout)
        for size in [SummaryLength.short, .medium, .long] {
            #expect(summarize.contains("\(size) (about \(size.targetWords) words)"), "\(summarize)")
        }
    }

    @Test("a runtime error is one error: line naming the file, exit 1", .enabled(if: binaryBuilt, "needs the built precis binary"))
    func runtimeError() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("broken.yaml")
        try Data("inputs: [unclosed\n".utf8).write(to: file)
        let result = try Self.precis(["run", file.path], home: root.appendingPathComponent("home"))
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains(file.lastPathComponent), "stderr: \(result.stderr)")
    }

    @Test("schedule install fails with the reason when the timer cannot be enabled",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func scheduleInstallFailsWhenNotEnabled() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin"), config = root.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let systemctl = bin.appendingPathComponent("systemctl")
        try Data("#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n".utf8).write(to: systemctl)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: systemctl.path)
        let pipeline = root.appendingPathComponent("nightly.yaml")
        try Data("name: nightly\ninputs: [docs]\noutput: out\nschedule: \"0 3 * * *\"\n".utf8).write(to: pipeline)
        let env = ["PATH": bin.path + ":/usr/bin:/bin", "XDG_CONFIG_HOME": config.path]
        let refused = try Self.precis(["schedule", "install", pipeline.path], home: root.appendingPathComponent("home"), environment: env)
        #expect(refused.status == 1 && refused.stderr.contains("inside a build directory") && refused.stderr.contains("make install"),
                "a unit never calls the binary a build replaces: \(refused.stderr)")
        let result = try Self.precis(["schedule", "install", pipeline.path, "--binary", systemctl.path],
                                     home: root.appendingPathComponent("home"), environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("Failed to connect to bus"), "stderr: \(result.stderr)")
        #expect(result.stdout.contains("not enabled"))
    }

    @Test("schedule list shows each pipeline's last run and its result from the catalog",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func scheduleListShowsLastRun() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin"), config = root.appendingPathComponent("config")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let systemctl = bin.appendingPathComponent("systemctl")
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: systemctl)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: systemctl.path)
        let pipeline = root.appendingPathComponent("nightly.yaml")
        try Data("name: nightly\ninputs: [docs]\noutput: out\nschedule: \"0 3 * * *\"\n".utf8).write(to: pipeline)
        let env = ["PATH": bin.path + ":/usr/bin:/bin", "XDG_CONFIG_HOME": config.path]
        #expect(try Self.precis(["schedule", "install", pipeline.path, "--binary", systemctl.path], home: home, environment: env).status == 0)
        let before = try Self.precis(["schedule", "list"], home: home, environment: env)
        #expect(before.stdout.contains("LAST RUN") && before.stdout.contains("never"), "\(before.stdout)")
        let catalog = try SQLiteCatalog(path: home.appendingPathComponent("state/catalog.sqlite").path)
        var run = try catalog.startRun(pipeline: "nightly", configHash: "a")
        run.status = .completed
        run.summarized = 3
        run.failed = 1
        try catalog.update(run)
        let after = try Self.precis(["schedule", "list"], home: home, environment: env)
        #expect(after.stdout.contains("completed: 3 summarized, 1 failed"), "\(after.stdout)")
        let json = try Self.precis(["schedule", "list", "--json"], home: home, environment: env)
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect((rows?.first?["last_run"] as? [String: Any])?["status"] as? String == "completed", "\(json.stdout)")
    }

    @Test("a usage error found while running exits 64 with the command's usage",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func usageErrorWhileRunning() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = root.appendingPathComponent("missing-dir").path
        let result = try Self.precis(["summarize", missing, "--out", root.appendingPathComponent("out").path],
                                     home: root.appendingPathComponent("home"))
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(missing)
                && result.stderr.contains("Usage: precis summarize"), "stderr: \(result.stderr)")
    }

    @Test("a usage error found while parsing exits 64 with an error: line and the usage",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func usageErrorWhileParsing() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Self.precis(["ask", "--no-such-flag"], home: root)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("Usage: precis ask"), "stderr: \(result.stderr)")
    }

    @Test("precis runs lists the catalog's runs and shows one; an unknown id is a usage error",
          .enabled(if: binaryBuilt, "needs the built precis binary"))
    func runHistory() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let home = root.appendingPathComponent("home")
        let catalog = try SQLiteCatalog(path: home.appendingPathComponent("state/catalog.sqlite").path)
        var run = try catalog.startRun(pipeline: "nightly", configHash: "a")
        run.status = .completed
        run.ended = Date()
        try catalog.update(run)
        let list = try Self.precis(["runs", "list", "--json"], home: home)
        let runs = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(list.status == 0 && runs?.first?["pipeline"] as? String == "nightly" && runs?.first?["status"] as? String == "completed")
        let show = try Self.precis(["runs", "show", "\(run.id!)"], home: home)
        #expect(show.status == 0 && show.stdout.contains("nightly") && show.stdout.contains("completed"))
        #expect(try Self.precis(["runs", "show", "999"], home: home).status == 64)
    }
}
