import Foundation
import Testing
@testable import Pipeline

/// A stand-in for `systemctl` and `crontab` that records calls and keeps the
/// crontab in memory.
final class FakeRunner: CommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [String] = []
    private var _crontab: String?
    let hasSystemctl: Bool
    let hasCrontab: Bool
    let systemctlFails: Bool

    init(hasSystemctl: Bool = true, hasCrontab: Bool = true, systemctlFails: Bool = false, crontab: String? = nil) {
        self.hasSystemctl = hasSystemctl
        self.hasCrontab = hasCrontab
        self.systemctlFails = systemctlFails
        _crontab = crontab
    }

    var calls: [String] { lock.withLock { _calls } }
    var crontab: String? { lock.withLock { _crontab } }

    func run(_ arguments: [String], input: String?) throws -> CommandResult {
        try lock.withLock {
            _calls.append(arguments.joined(separator: " "))
            switch arguments.first {
            case "systemctl":
                guard hasSystemctl else { throw CommandNotFound(program: "systemctl") }
                return systemctlFails ? CommandResult(status: 1, stderr: "Failed to connect to bus: No medium found\n")
                    : CommandResult(status: 0)
            case "crontab":
                guard hasCrontab else { throw CommandNotFound(program: "crontab") }
                if arguments == ["crontab", "-l"] {
                    guard let tab = _crontab else { return CommandResult(status: 1, stderr: "no crontab for tester\n") }
                    return CommandResult(status: 0, stdout: tab)
                }
                _crontab = input ?? ""
                return CommandResult(status: 0)
            default:
                throw CommandNotFound(program: arguments.first ?? "")
            }
        }
    }
}

@Suite("Schedule files")
struct ScheduleFilesTests {
    func job(_ cron: String = "30 2 * * *", env: [String: String] = [:]) throws -> ScheduleJob {
        ScheduleJob(name: "nightly", schedule: try CronExpression(cron), binary: "/opt/precis/bin/precis",
                    pipelineFile: "/home/u/pipelines/nightly.yaml", environment: env)
    }

    @Test func serviceUnit() throws {
        #expect(SystemdUnits.service(try job(env: ["PRECIS_HOME": "/data/precis"])) == """
            # Written by `precis schedule install`; remove with `precis schedule remove nightly`.
            [Unit]
            Description=Precis pipeline nightly

            [Service]
            Type=oneshot
            ExecStart=/opt/precis/bin/precis run /home/u/pipelines/nightly.yaml
            Environment=PRECIS_HOME=/data/precis
            Nice=10

            """)
    }

    @Test func serviceQuotesAwkwardPaths() throws {
        var awkward = try job()
        awkward.pipelineFile = "/home/u/My Pipelines/100% \"best\".yaml"
        #expect(SystemdUnits.service(awkward).contains(
            #"ExecStart=/opt/precis/bin/precis run "/home/u/My Pipelines/100%% \"best\".yaml""#))
    }

    @Test func timerUnit() throws {
        #expect(SystemdUnits.timer(try job("30 2 * * 1-5")) == """
            # Written by `precis schedule install`; remove with `precis schedule remove nightly`.
            # precis-schedule: 30 2 * * 1-5
            # precis-pipeline: /home/u/pipelines/nightly.yaml
            [Unit]
            Description=Run Precis pipeline nightly (30 2 * * 1-5)

            [Timer]
            OnCalendar=Mon..Fri *-*-* 02:30:00
            Persistent=true

            [Install]
            WantedBy=timers.target

            """)
    }

    @Test func timerWithDayOfMonthOrDayOfWeekHasTwoCalendars() throws {
        let text = SystemdUnits.timer(try job("0 9 1 * mon"))
        #expect(text.contains("OnCalendar=*-*-01 09:00:00\nOnCalendar=Mon *-*-* 09:00:00\nPersistent=true\n"))
        let read = SystemdUnits.read(timer: text)
        #expect(read?.schedule == "0 9 1 * mon")
        #expect(read?.pipelineFile == "/home/u/pipelines/nightly.yaml")
    }

    @Test func crontabLine() throws {
        #expect(CrontabEntry.line(try job(), stateDirectory: "/home/u/.local/state/precis") == """
            30 2 * * * flock -n '/home/u/.local/state/precis/nightly.lock' '/opt/precis/bin/precis' run \
            '/home/u/pipelines/nightly.yaml' >>'/home/u/.local/state/precis/logs/nightly.log' 2>&1 \
            # precis-schedule:nightly
            """)
    }

    @Test func crontabLineEscapesAndReadsBack() throws {
        var awkward = try job("@daily", env: ["PRECIS_HOME": "/data/it's"])
        awkward.pipelineFile = "/p/50% off.yaml"
        let line = CrontabEntry.line(awkward, stateDirectory: "/s")
        #expect(line == #"@daily PRECIS_HOME='/data/it'\''s' flock -n '/s/nightly.lock' '/opt/precis/bin/precis' run '/p/50\% off.yaml' >>'/s/logs/nightly.log' 2>&1 # precis-schedule:nightly"#)
        let read = CrontabEntry.read(line)
        #expect(read?.name == "nightly")
        #expect(read?.schedule == "@daily")
        #expect(read?.pipelineFile == "/p/50% off.yaml")
        #expect(CrontabEntry.isEntry(line, of: "nightly"))
        #expect(!CrontabEntry.isEntry(line, of: "night"))
        #expect(!CrontabEntry.isEntry(line + "2", of: "nightly"))
    }

    @Test func environmentKeepsDollarSigns() throws {
        let unit = SystemdUnits.service(try job(env: ["PRECIS_HOME": "/data/$USER/100% precis"]))
        #expect(unit.contains(#"Environment="PRECIS_HOME=/data/$USER/100%% precis""#))
        #expect(!unit.contains("$$"))
    }

    @Test func forwardedEnvironment() {
        let env = ["PRECIS_HOME": "/p", "XDG_STATE_HOME": "", "HOME": "/h", "PRECIS_MODEL": "/m.gguf"]
        #expect(ScheduleJob.forwarded(from: env) == ["PRECIS_HOME": "/p", "PRECIS_MODEL": "/m.gguf"])
    }

    @Test func defaultUnitDirectory() {
        #expect(ScheduleInstaller.defaultUnitDirectory(["XDG_CONFIG_HOME": "/c", "HOME": "/h"]).path == "/c/systemd/user")
        #expect(ScheduleInstaller.defaultUnitDirectory(["HOME": "/h"]).path == "/h/.config/systemd/user")
    }
}

@Suite("Schedule installer")
struct ScheduleInstallerTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-sched-\(UUID().uuidString)")

    func installer(_ runner: FakeRunner) -> ScheduleInstaller {
        ScheduleInstaller(unitDirectory: root.appendingPathComponent("units"), stateDirectory: root.appendingPathComponent("state"),
                          binary: URL(fileURLWithPath: "/usr/local/bin/precis"), runner: runner)
    }

    func pipeline(_ name: String = "nightly", schedule: String? = "30 2 * * *") throws -> PipelineConfig {
        let dir = root.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("\(name).yaml")
        let line = schedule.map { "schedule: '\($0)'\n" } ?? ""
        try "name: \(name)\ninputs: ../docs\n\(line)".write(to: file, atomically: true, encoding: .utf8)
        return try PipelineConfig.load(file: file)
    }

    func unitFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("units").path)) ?? []).sorted()
    }

    @Test func installListRemoveSystemd() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let runner = FakeRunner()
        let installer = installer(runner)
        let report = try installer.install(try pipeline(), kind: .systemd)
        #expect(report.active)
        #expect(unitFiles() == ["precis-nightly.service", "precis-nightly.timer"])
        #expect(runner.calls.prefix(2) == ["systemctl --user daemon-reload", "systemctl --user enable --now precis-nightly.timer"])
        let service = try String(contentsOf: report.files[0], encoding: .utf8)
        #expect(service.contains("ExecStart=/usr/local/bin/precis run \(root.path)/pipelines/nightly.yaml\n"))

        let now = Date(timeIntervalSince1970: 1_741_600_800)  // 2025-03-10 10:00 UTC
        let utc = TimeZone(identifier: "UTC")!
        let listed = try installer.list(now: now, timeZone: utc)
        #expect(listed == [ScheduledPipeline(
            name: "nightly", kind: .systemd, schedule: "30 2 * * *", pipelineFile: "\(root.path)/pipelines/nightly.yaml",
            nextRun: Date(timeIntervalSince1970: 1_741_660_200), location: "\(root.path)/units/precis-nightly.timer")])

        let removed = try installer.remove("nightly")
        #expect(removed.count == 2)
        #expect(unitFiles().isEmpty)
        #expect(runner.calls.contains("systemctl --user disable --now precis-nightly.timer"))
        #expect(try installer.list().isEmpty)
    }

    @Test func withoutSystemctlTheUnitsAreStillWritten() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try installer(FakeRunner(hasSystemctl: false, hasCrontab: false)).install(try pipeline())
        #expect(!report.active)
        #expect(unitFiles() == ["precis-nightly.service", "precis-nightly.timer"])
        #expect(report.notes.first?.contains("systemctl --user daemon-reload && systemctl --user enable --now precis-nightly.timer") == true)
    }

    @Test func failingSystemctlIsReported() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try installer(FakeRunner(systemctlFails: true)).install(try pipeline())
        #expect(!report.active)
        #expect(report.notes.first?.contains("Failed to connect to bus") == true)
    }

    @Test func installListRemoveCron() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let runner = FakeRunner(crontab: "MAILTO=me\n0 * * * * backup.sh\n")
        let installer = installer(runner)
        let report = try installer.install(try pipeline(), kind: .cron)
        let line = try #require(report.crontabLine)
        #expect(runner.crontab == "MAILTO=me\n0 * * * * backup.sh\n\(line)\n")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("state/logs").path))
        // Installing again replaces the line rather than adding a second one.
        _ = try installer.install(try pipeline(), kind: .cron)
        #expect(runner.crontab == "MAILTO=me\n0 * * * * backup.sh\n\(line)\n")

        let listed = try installer.list()
        #expect(listed.map(\.name) == ["nightly"])
        #expect(listed.first?.kind == .cron)
        #expect(listed.first?.pipelineFile == "\(root.path)/pipelines/nightly.yaml")
        #expect(listed.first?.nextRun != nil)

        #expect(try installer.remove("nightly") == ["crontab entry of nightly"])
        #expect(runner.crontab == "MAILTO=me\n0 * * * * backup.sh\n")
    }

    @Test func switchingKindReplacesTheOtherSchedule() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let runner = FakeRunner()
        let installer = installer(runner)
        _ = try installer.install(try pipeline(), kind: .systemd)
        _ = try installer.install(try pipeline(), kind: .cron)
        #expect(unitFiles().isEmpty)
        #expect(try installer.list().map(\.kind) == [.cron])
        _ = try installer.install(try pipeline(), kind: .systemd)
        #expect(try installer.list().map(\.kind) == [.systemd])
        #expect(runner.crontab == "")
    }

    @Test func errors() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let installer = installer(FakeRunner(hasCrontab: false))
        #expect {
            try installer.install(try pipeline(schedule: nil))
        } throws: { "\($0)".contains("has no 'schedule'") }
        #expect {
            try installer.install(try pipeline(), kind: .cron)
        } throws: { "\($0)".contains("crontab is not installed") && "\($0)".contains("# precis-schedule:nightly") }
        #expect {
            try installer.remove("other")
        } throws: { "\($0)" == "no schedule is installed for pipeline 'other'; `precis schedule list` shows what is" }
    }

    /// A newline in the pipeline's path would end the crontab line and start
    /// a new entry (`* * * * * touch PWNED`); it is refused and nothing is written.
    @Test func controlCharactersInPathsAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("x/d\n* * * * * touch PWNED #")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("p.yaml")
        try "name: p\ninputs: docs\nschedule: '30 2 * * *'\n".write(to: file, atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(file: file)
        let runner = FakeRunner(crontab: "0 1 * * * backup\n")
        for kind in ScheduleKind.allCases {
            #expect {
                try installer(runner).install(config, kind: kind)
            } throws: { "\($0)".contains("pipeline file") && "\($0)".contains("U+000A") }
        }
        #expect(runner.crontab == "0 1 * * * backup\n")
        #expect(unitFiles().isEmpty)
        let env = ScheduleInstaller(unitDirectory: root.appendingPathComponent("units"),
                                    stateDirectory: root.appendingPathComponent("state"),
                                    binary: URL(fileURLWithPath: "/usr/local/bin/precis"), runner: runner,
                                    environment: ["PRECIS_HOME": "/p\rX=1"])
        #expect {
            try env.install(try pipeline(), kind: .systemd)
        } throws: { "\($0)".contains("variable PRECIS_HOME") && "\($0)".contains("U+000D") }
        #expect(unitFiles().isEmpty)
    }

    @Test func processRunnerRunsAndReportsMissingPrograms() throws {
        let runner = ProcessRunner()
        let result = try runner.run(["sh", "-c", "cat; echo oops >&2; exit 3"], input: "hello\n")
        #expect(result == CommandResult(status: 3, stdout: "hello\n", stderr: "oops\n"))
        #expect(throws: CommandNotFound(program: "no-such-program-\(42)")) {
            try runner.run(["no-such-program-42"], input: nil)
        }
    }
}
