import ArgumentParser
import Logging

/// `-q/--quiet` and `-v/--verbose`, which every command takes: how much
/// the command tells on stderr besides its output.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only warnings and errors on stderr: no progress, no notes.")
    var quiet = false
    @Flag(name: .shortAndLong, help: "Also print details on stderr: files and settings chosen, timings.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// The lowest level printed.
    var level: Logger.Level { quiet ? .warning : verbose ? .debug : .info }
}

/// A command with `LogOptions`; `Precis.main` sets the log level from them
/// before the command runs.
protocol LoggingCommand: ParsableCommand {
    var log: LogOptions { get }
}
