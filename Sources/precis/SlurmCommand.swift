import ArgumentParser

/// `precis slurm`: runs on a Slurm cluster.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a pipeline on a Slurm cluster, as a job array of workers.",
        subcommands: [SlurmSubmitCommand.self]
    )
}
