import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule …`: run pipelines unattended with systemd timers or cron.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run pipelines unattended: install, list and remove systemd timers or crontab entries.",
        discussion: """
        A pipeline's 'schedule' key (a cron expression such as "30 2 * * *") says when it runs. \
        `install` turns it into a systemd user timer (default; units in \
        $XDG_CONFIG_HOME/systemd/user, or ~/.config/systemd/user) or a crontab line guarded by \
        flock so runs never overlap. Each scheduled run executes `precis run <pipeline file>`.
        """,
        subcommands: [ScheduleInstallCommand.self, ScheduleListCommand.self, ScheduleRemoveCommand.self]
    )

    /// The installer for the current user: default unit directory, Precis's
    /// state directory, `binary` (default this executable), and the variables that locate Precis's files.
    static func installer(binary: URL? = nil) -> ScheduleInstaller {
        let env = ProcessInfo.processInfo.environment
        return ScheduleInstaller(unitDirectory: ScheduleInstaller.defaultUnitDirectory(env),
                                 stateDirectory: PrecisPaths.fromEnvironment(env).state,
                                 binary: binary ?? currentExecutable(),
                                 environment: ScheduleJob.forwarded(from: env))
    }

    /// The absolute path of the running `precis` binary.
    static func currentExecutable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: cwd).standardizedFileURL
    }

    /// `date` as local `yyyy-MM-dd HH:mm`.
    static func format(_ date: Date?) -> String {
        guard let date else { return "never" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

extension ScheduleKind: EnumerableFlag {
    public static func help(for value: ScheduleKind) -> ArgumentHelp? {
        switch value {
        case .systemd: return "Install a systemd user timer and service."
        case .cron: return "Install a line in your crontab, wrapped in flock so runs never overlap."
        }
    }
}
