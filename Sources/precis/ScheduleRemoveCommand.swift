import ArgumentParser
import Foundation
import Pipeline

/// `precis schedule remove`: stop running a pipeline unattended.
struct ScheduleRemoveCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a pipeline's schedule (its systemd timer and service, or its crontab line).",
        discussion: """
        PIPELINE is the pipeline's name as `precis schedule list` shows it, or its pipeline file. \
        The timer is disabled and stopped before its unit files are deleted. The pipeline file \
        itself is left alone.
        """
    )

    @Argument(help: "Pipeline name or path to a pipeline file.")
    var pipeline: String
    @OptionGroup var log: LogOptions

    func run() throws {
        let removed = try ScheduleCommand.installer().remove(try name())
        for item in removed { print("removed \(item)") }
    }

    /// The schedule's name: the pipeline file's `name` when the file can be
    /// read, else the argument itself (the file may be gone already).
    private func name() throws -> String {
        if let config = try? PipelineConfig.load(nameOrPath: pipeline) { return config.name }
        guard PipelineConfig.isValidName(pipeline) else {
            throw ValidationError("'\(pipeline)' is neither a readable pipeline file nor a pipeline name")
        }
        return pipeline
    }
}
