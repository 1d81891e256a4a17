import ArgumentParser

/// `precis k8s`: runs on Kubernetes.
struct K8sCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Run a pipeline on Kubernetes, as an Indexed Job of workers.",
        subcommands: [K8sManifestCommand.self]
    )
}
