import ArgumentParser
import Foundation
import Pipeline

/// The `precis` command: summarize long documents on a local model.
@main
struct Precis: ParsableCommand {
    /// The release, printed by `precis --version`.
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "precis",
        abstract: "Summarize long documents on a local language model, with DuoAttention and reusable KV snapshots.",
        discussion: """
        Models and snapshots live under $PRECIS_HOME (default $XDG_CACHE_HOME/precis, \
        or ~/.cache/precis). Every command that takes --model (a GGUF file or a \
        registry model name, see `precis model list`) defaults to $PRECIS_MODEL, else \
        the registry default model.

        Exit status: 0 on success, 1 on a runtime error (one `error:` line on stderr), \
        64 on a usage error (with the command's usage), 130 when interrupted.
        """,
        version: version,
        groupedSubcommands: [
            CommandGroup(name: "Main", subcommands: [
                SummarizeCommand.self, RunCommand.self, AskCommand.self, ChatCommand.self, ServeCommand.self,
                ScheduleCommand.self, RunsCommand.self,
            ]),
            CommandGroup(name: "Many processes and machines", subcommands: [
                WorkerCommand.self, SlurmCommand.self, K8sCommand.self,
            ]),
            CommandGroup(name: "Documents and snapshots", subcommands: [
                PrefillCommand.self, SnapshotsCommand.self, IngestCommand.self,
            ]),
            CommandGroup(name: "Models and the engine", subcommands: [
                ModelCommand.self, GenerateCommand.self, TokenizeCommand.self, DetokenizeCommand.self,
                EvalCommand.self, BenchCommand.self, HeadsCommand.self,
            ]),
        ]
    )

    /// Parses and runs a command. Usage errors (bad flags, or a
    /// `ValidationError` found while running) print the message and the
    /// command's usage and exit 64; any other error prints one `error:` line
    /// and exits 1.
    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Console.error(fullMessage(for: error), exitCode: ExitCode.validationFailure.rawValue)
        }
        Console.setLevel((command as? any LoggingCommand)?.log.level ?? .info)
        let started = Date()
        Console.debug("precis \(version): \(CommandLine.arguments.dropFirst().joined(separator: " ")); "
            + "cache \(PrecisPaths.fromEnvironment().cache.path), state \(PrecisPaths.fromEnvironment().state.path)")
        defer { Console.debug(String(format: "finished in %.2f s", Date().timeIntervalSince(started))) }
        do {
            try command.run()
        } catch let error as ValidationError {
            Console.error("\(error.message)\nUsage: \(usageString(for: type(of: command)))",
                          exitCode: ExitCode.validationFailure.rawValue)
        } catch let error where error is ExitCode || error is CleanExit || exitCode(for: error) == .success {
            exit(withError: error)  // an exit status chosen by the command, or help (`precis help ask`)
        } catch {
            Console.error(Console.line(for: error), exitCode: 1)
        }
    }
}
