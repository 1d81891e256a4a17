import Foundation
import GGUF
import Ingest
import Testing
import Yams
@testable import Pipeline

/// Choosing the catalog, the scripts and manifests cluster runs are made
/// of, and local worker processes over one run.
@Suite("Catalog choice and cluster commands")
struct ClusterCommandTests {
    @Test("a catalog is a postgres URL (its password kept out of messages) or a SQLite path")
    func catalogLocations() throws {
        let pg = try CatalogLocation("postgres://precis:s3cret@db.example:5433/lib?sslmode=require")
        #expect(pg.isShared && !pg.description.contains("s3cret") && pg.description.contains("db.example:5433/lib"))
        #expect(try CatalogLocation("catalog.sqlite", resolve: { URL(fileURLWithPath: "/base/" + $0) }) == .sqlite(path: "/base/catalog.sqlite"))
        #expect(throws: CatalogLocation.Invalid.self) { try CatalogLocation("mysql://x@y/z") }
        let fallback = PrecisPaths(cache: URL(fileURLWithPath: "/c"), state: URL(fileURLWithPath: "/s"))
        #expect(try CatalogLocation.resolve(nil, environment: [:], paths: fallback) == .sqlite(path: "/s/catalog.sqlite"))
        #expect(try CatalogLocation.resolve(nil, environment: ["PRECIS_CATALOG": "postgres://u@h/d"], paths: fallback)
                == .postgres(url: "postgres://u@h/d"))
        #expect(try CatalogLocation.resolve(.sqlite(path: "/p.sqlite"), environment: ["PRECIS_CATALOG": "postgres://u@h/d"],
                                            paths: fallback) == .sqlite(path: "/p.sqlite"), "the pipeline file's key wins")
    }

    @Test("catalog: and snapshots: in a pipeline file are read, and leave the settings hash alone")
    func pipelineKeys() throws {
        let file = URL(fileURLWithPath: "/lib/pipelines/n.yaml")
        let parser = PipelineConfigParser(file: file, displayName: "n.yaml")
        let plain = try parser.parse("name: n\ninputs: ../docs\n")
        let shared = try parser.parse("name: n\ninputs: ../docs\ncatalog: postgres://precis@db/lib\nsnapshots: ../snap\n")
        #expect(shared.catalog == .postgres(url: "postgres://precis@db/lib"))
        #expect(shared.snapshots?.path == "/lib/snap")
        #expect(shared.configHash == plain.configHash)
        #expect(try parser.parse("name: n\ninputs: x\ncatalog: local.sqlite\n").catalog == .sqlite(path: "/lib/pipelines/local.sqlite"))
        #expect { try parser.parse("name: n\ninputs: x\ncatalog: http://db/lib\n") } throws: { error in
            "\(error)".contains("n.yaml:3") && "\(error)".contains("postgres://")
        }
    }

    static func worker(run: Int64 = 7) -> WorkerInvocation {
        var worker = WorkerInvocation(program: "/opt/precis/bin/precis", pipelineFile: "/shared/pipelines/night ly.yaml", runID: run)
        worker.lease = 45
        worker.segmentTokens = 512
        return worker
    }

    @Test("the sbatch script is valid sh, runs the worker for the run in every array task, and exports the catalog")
    func slurmScript() throws {
        var script = SlurmBatchScript(pipeline: "nightly", worker: Self.worker(), tasks: 4, logDirectory: "/shared/logs")
        script.partition = "cpu"
        script.timeLimit = "2:00:00"
        script.cpusPerTask = 2
        script.environment = ["PRECIS_CATALOG": "postgres://u:it's@db/lib"]
        let text = script.text
        for line in ["#SBATCH --array=0-3", "#SBATCH --partition=cpu", "#SBATCH --time=2:00:00", "#SBATCH --cpus-per-task=2",
                     "#SBATCH --output=/shared/logs/precis-nightly-%A_%a.log"] {
            #expect(text.contains(line + "\n"), "\(line)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sbatch-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: file) }
        // Run with `exec` replaced by `printf`: the words the worker gets, and the variable as exported.
        try Data(text.replacingOccurrences(of: "exec ", with: "printf '%s\\n' \"$PRECIS_CATALOG\" ").utf8).write(to: file)
        let run = try ChildProcess.run("/bin/sh", [file.path])
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.split(separator: "\n").map(String.init) == ["postgres://u:it's@db/lib", "/opt/precis/bin/precis", "worker",
                                                                           "/shared/pipelines/night ly.yaml", "--run", "7", "--lease", "45",
                                                                           "--segment-tokens", "512"])
        #expect(SlurmBatchScript.isTimeLimit("30") && SlurmBatchScript.isTimeLimit("1-12:00") && !SlurmBatchScript.isTimeLimit("2h"))
    }

    @Test("the Kubernetes manifest is an Indexed Job whose pods run the worker with the catalog from a Secret")
    func kubernetesJob() throws {
        var job = KubernetesIndexedJob(pipeline: "Night_ly", worker: Self.worker(run: 12), parallelism: 3, image: "registry/precis:1")
        job.catalogSecret = ("precis-catalog", "url")
        job.volume = ("library", "/shared")
        job.cpu = "2"
        job.memory = "4Gi"
        let manifest = try #require(try Yams.load(yaml: job.yaml) as? [String: Any])
        #expect(manifest["apiVersion"] as? String == "batch/v1" && manifest["kind"] as? String == "Job")
        let metadata = try #require(manifest["metadata"] as? [String: Any])
        #expect(metadata["name"] as? String == "precis-night-ly-12")
        #expect((metadata["labels"] as? [String: Any])?["precis/run"] as? String == "12", "a label value is a string")
        let spec = try #require(manifest["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed" && spec["completions"] as? Int == 3 && spec["parallelism"] as? Int == 3)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(container["image"] as? String == "registry/precis:1")
        #expect(container["command"] as? [String] == Self.worker(run: 12).arguments)
        let env = try #require((container["env"] as? [[String: Any]])?.first)
        #expect(env["name"] as? String == "PRECIS_CATALOG")
        #expect(((env["valueFrom"] as? [String: Any])?["secretKeyRef"] as? [String: String]) == ["name": "precis-catalog", "key": "url"])
        #expect((container["volumeMounts"] as? [[String: String]]) == [["name": "shared", "mountPath": "/shared"]])
        #expect(((pod["volumes"] as? [[String: Any]])?.first?["persistentVolumeClaim"] as? [String: String]) == ["claimName": "library"])
        #expect(((container["resources"] as? [String: Any])?["requests"] as? [String: String]) == ["cpu": "2", "memory": "4Gi"])
    }

    @Test("a schedule with --slurm submits the pipeline instead of running it, in crontab and systemd")
    func slurmSchedules() throws {
        let job = ScheduleJob(name: "nightly", schedule: try CronExpression("0 2 * * *"), binary: "/opt/precis",
                              pipelineFile: "/p/nightly.yaml", slurmOptions: ["--array", "4", "--partition", "cpu"])
        let line = CrontabEntry.line(job, stateDirectory: "/state")
        #expect(line.contains("'/opt/precis' slurm submit '/p/nightly.yaml' '--array' '4' '--partition' 'cpu' >>"))
        #expect(CrontabEntry.read(line)?.pipelineFile == "/p/nightly.yaml")
        #expect(SystemdUnits.service(job).contains("ExecStart=/opt/precis slurm submit /p/nightly.yaml --array 4 --partition cpu\n"))
    }

    @Test("temporary names carry host and pid; a cleaner removes only its own machine's dead writers' files")
    func temporaryNames() {
        let name = TemporaryName.sibling(of: "/shared/out/a.md")
        #expect(name.hasPrefix("/shared/out/a.md.tmp-\(getpid())@\(TemporaryName.host)-"))
        #expect(TemporaryName.writer(of: name)?.host == TemporaryName.host)
        #expect(!TemporaryName.isAbandonedHere("a.md.tmp-1234@elsewhere-9", alive: { _ in false }))
        #expect(TemporaryName.isAbandonedHere("a.md.tmp-1234@\(TemporaryName.host)-9", alive: { _ in false }))
        #expect(!TemporaryName.isAbandonedHere("a.md.tmp-1234@\(TemporaryName.host)-9", alive: { _ in true }))
    }

    @Test("run --workers 2 shares one run between two worker processes and summarizes each document once",
          .enabled(if: EndToEndTests.ready, "needs the built precis binary and the small model"))
    func localWorkers() throws {
        let scratch = EndToEndTests.Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        for (name, text) in EndToEndTests.documents { try scratch.write(name, text) }
        let pipeline = scratch.root.appendingPathComponent("p.yaml")
        try Data("name: two\ninputs: \(scratch.input.path)\noutput: \(scratch.output.path)\nlength: short\n".utf8).write(to: pipeline)
        let result = try CLITests.precis(["run", pipeline.path, "--workers", "2", "--json"], home: scratch.home)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONFormat.decoder.decode(BatchReport.self, from: Data(result.stdout.utf8))
        #expect(report.status == "completed" && report.count(.summarized) == EndToEndTests.documents.count)
        let catalog = try SQLiteCatalog(path: scratch.home.appendingPathComponent("state/catalog.sqlite").path)
        let run = try #require(try catalog.runs(limit: 1).first)
        #expect(try catalog.results(runID: run.id!).count == EndToEndTests.documents.count)
        let workers = Set(try catalog.work(runID: run.id!).compactMap(\.worker))
        #expect(!workers.isEmpty && !workers.contains(HostName.worker), "the documents were worked by the child processes")
        #expect(result.stderr.contains("starting 2 workers"))
    }
}
