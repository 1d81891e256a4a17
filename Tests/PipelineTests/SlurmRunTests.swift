import Foundation
import Ingest
import PostgresCatalog
import Testing
@testable import Pipeline

/// Runs on the single-node Slurm cluster and PostgreSQL server the tests
/// start (`scripts/test-slurm.sh`, `scripts/test-postgres.sh`), with the
/// real `precis` binary and the small model: `precis slurm submit` over a
/// shared catalog summarizes every document exactly once, also when an
/// array task is cancelled and a worker is SIGKILLed mid-document.
@Suite("Slurm job arrays over a PostgreSQL catalog", .serialized)
struct SlurmRunTests {
    static var ready: Bool { EndToEndTests.ready }

    /// A pipeline of `count` small documents whose catalog is a fresh database.
    struct Cluster {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-slurm-\(UUID().uuidString)")
        let catalogURL: String
        let slurmConf: String
        var pipeline: URL { root.appendingPathComponent("p.yaml") }
        var output: URL { root.appendingPathComponent("out") }

        init(documents count: Int) throws {
            slurmConf = try TestServers.slurm.get()
            catalogURL = try TestServers.freshPostgresDatabase()
            let input = root.appendingPathComponent("docs")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            for i in 1...count {
                let text = "Minutes of meeting \(i) of the harbour committee.\n\nThe committee agreed to repaint lamp \(i) "
                    + "on the north breakwater before winter, at a cost of \(i * 120) pounds. The treasurer will order paint "
                    + "from the chandlery on Monday, and the crew will inspect the housing after the next storm.\n"
                try Data(text.utf8).write(to: input.appendingPathComponent(String(format: "minutes-%02d.txt", i)))
            }
            try Data("""
                name: slurm-test
                inputs: \(input.path)
                output: \(output.path)
                snapshots: \(root.appendingPathComponent("snapshots").path)
                catalog: "\(catalogURL)"
                length: short
                """.utf8).write(to: pipeline)
        }

        func precis(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try CLITests.precis(arguments, home: root.appendingPathComponent("home"), environment: ["SLURM_CONF": slurmConf])
        }

        func slurm(_ program: String, _ arguments: [String]) throws -> String {
            try ChildProcess.run(program, arguments, environment: ["SLURM_CONF": slurmConf], timeLimit: 60).stdoutText
        }

        /// Submits the pipeline; returns the job id and the run.
        func submit(_ extra: [String]) throws -> (job: String, run: Int64, catalog: PostgresCatalog) {
            let result = try precis(["slurm", "submit", pipeline.path, "--log-dir", root.appendingPathComponent("logs").path] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let job = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Int(job) != nil, "sbatch printed \(job)")
            let catalog = try PostgresCatalog(url: catalogURL)
            let run = try #require(try catalog.runs(limit: 1).first)
            return (job, run.id!, catalog)
        }

        /// Waits until run `id` has ended (or `seconds` pass) and returns it.
        func waitForEnd(_ id: Int64, catalog: PostgresCatalog, seconds: Double = 600) throws -> RunRecord {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let run = try catalog.run(id: id), run.status != .running { return run }
                Thread.sleep(forTimeInterval: 0.5)
            }
            throw TestServerFailure(message: "run \(id) still running after \(seconds) s; logs:\n" + logs())
        }

        func logs() -> String {
            let dir = root.appendingPathComponent("logs")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.sorted().map { name in
                "== \(name)\n" + ((try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? "")
            }.joined(separator: "\n")
        }

        /// The run ended complete: every document summarized and recorded once, every output written.
        func expectEveryDocumentOnce(_ id: Int64, catalog: PostgresCatalog, count: Int) throws {
            let run = try waitForEnd(id, catalog: catalog)
            #expect(run.status == .completed && run.summarized == count, "\(run.status) \(run.summarized); logs:\n\(logs())")
            let results = try catalog.results()
            #expect(results.count == count, "one result per document, none twice")
            #expect(Set(results.map(\.path)).count == count && results.allSatisfy { $0.status == .ok && $0.runID == id })
            let items = try catalog.work(runID: id)
            #expect(items.allSatisfy { $0.state == .done && $0.outcome?.status == .summarized })
            let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
            #expect(files.filter { $0.hasSuffix(".summary.md") }.count == count)
            #expect(files.contains("index.md") && !files.contains { $0.contains(".tmp-") })
            let index = try String(contentsOf: output.appendingPathComponent("index.md"), encoding: .utf8)
            #expect(index.contains("minutes-01.txt") && index.contains(String(format: "minutes-%02d.txt", count)))
        }
    }

    @Test("an array of 3 tasks summarizes 12 documents exactly once into the PostgreSQL catalog",
          .enabled(if: ready, "needs the built precis binary and the small model"))
    func arrayOfThree() throws {
        let cluster = try Cluster(documents: 12)
        defer { try? FileManager.default.removeItem(at: cluster.root) }
        let (job, run, catalog) = try cluster.submit(["--array", "3"])
        try cluster.expectEveryDocumentOnce(run, catalog: catalog, count: 12)
        let workers = Set(try catalog.work(runID: run).compactMap(\.worker))
        #expect(workers.count >= 2, "the tasks shared the documents: \(workers)")
        let shown = try cluster.precis(["runs", "show", String(run), "--pipeline", cluster.pipeline.path])
        #expect(shown.status == 0 && shown.stdout.contains("completed") && shown.stdout.contains("12: 12 summarized"))
        _ = job
    }

    @Test("a cancelled task and a SIGKILLed worker lose nothing: their documents are taken over, none twice",
          .enabled(if: ready, "needs the built precis binary and the small model"))
    func cancelledAndKilled() throws {
        let cluster = try Cluster(documents: 12)
        defer { try? FileManager.default.removeItem(at: cluster.root) }
        let (job, run, catalog) = try cluster.submit(["--array", "3", "--lease", "6"])
        // Two workers at work on a document each.
        var claimed: [WorkItem] = []
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            claimed = try catalog.work(runID: run).filter { $0.state == .claimed }
            if Set(claimed.compactMap(\.worker)).count >= 2 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(Set(claimed.compactMap(\.worker)).count >= 2, "two workers never held claims at once; logs:\n\(cluster.logs())")
        let victim = claimed[0]
        let pid = try #require(victim.worker.flatMap { $0.split(separator: ":").last }.flatMap { Int32($0) })
        #expect(kill(pid, SIGKILL) == 0)
        // Cancel a task still running (not the killed worker's, which Slurm sees end).
        Thread.sleep(forTimeInterval: 0.5)
        let running = try cluster.slurm("squeue", ["-h", "-j", job, "-t", "R", "-o", "%i"])
            .split(separator: "\n").map(String.init)
        let cancelled = try #require(running.first, "no array task left running to cancel")
        _ = try cluster.slurm("scancel", [cancelled])
        try cluster.expectEveryDocumentOnce(run, catalog: catalog, count: 12)
        let taken = try #require(try catalog.work(runID: run).first { $0.position == victim.position })
        #expect(taken.attempts >= 2 && taken.worker != victim.worker, "the killed worker's document was claimed again")
    }
}
