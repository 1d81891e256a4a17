import ArgumentParser
import Foundation
import Pipeline

/// `precis k8s manifest PIPELINE`: begins a run and prints the Indexed Job that works on it.
struct K8sManifestCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Begin a run in the shared catalog and print a Kubernetes Indexed Job of workers for it.",
        discussion: """
        Discovers the pipeline's documents here, records the run in the pipeline's shared \
        catalog, and prints a batch/v1 Job (completionMode: Indexed) whose pods each run \
        `precis worker PIPELINE --run ID`; apply it with `kubectl apply -f -`. The pods \
        need an image with precis and the model (--image), the catalog URL (from the Secret \
        --catalog-secret NAME:KEY as PRECIS_CATALOG, or the pipeline's `catalog:`), and a \
        ReadWriteMany volume (--volume-claim) mounted at --mount holding the pipeline file, \
        inputs, outputs and snapshots at the paths the pipeline file names. A pod that is \
        evicted gets SIGTERM and gives its document back; one that dies loses its claim \
        after --lease seconds.
        """
    )

    @Argument(help: "Pipeline name or file.", completion: .file(extensions: ["yaml", "yml"])) var pipeline: String
    @Option(help: "Pods running at once (one worker each).") var parallelism = 2
    @Option(help: "Container image with precis and the model.") var image: String
    @Option(help: ArgumentHelp("Secret holding the catalog URL, as NAME:KEY.", valueName: "name:key")) var catalogSecret: String?
    @Option(help: "PersistentVolumeClaim (ReadWriteMany) with the shared files.") var volumeClaim: String?
    @Option(help: ArgumentHelp("Where the claim is mounted in the pods.", valueName: "path")) var mount = "/data"
    @Option(help: "Namespace of the Job.") var namespace: String?
    @Option(help: ArgumentHelp("CPUs requested per pod.", valueName: "n")) var cpu: String?
    @Option(help: ArgumentHelp("Memory requested per pod (4Gi).", valueName: "size")) var memory: String?
    @Option(help: ArgumentHelp("The pipeline file's path inside the pods (default: its path here).", valueName: "path"))
    var pipelinePath: String?
    @Flag(help: "Print the manifest for a run not yet begun (run id 0) and record nothing.") var dryRun = false
    @OptionGroup var cluster: ClusterRunOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (1...10_000).contains(parallelism) else { throw ValidationError("--parallelism must be between 1 and 10000") }
        if let catalogSecret, catalogSecret.split(separator: ":").count != 2 {
            throw ValidationError("--catalog-secret \(catalogSecret): give the Secret's name and key as NAME:KEY")
        }
        guard mount.hasPrefix("/") else { throw ValidationError("--mount must be an absolute path") }
    }

    func run() throws {
        let config = try PipelineConfig.load(nameOrPath: pipeline)
        let run = dryRun ? RunRecord.starting(pipeline: config.name, configHash: config.configHash, local: false)
            : try cluster.run(config)
        var worker = cluster.worker(config, run: run)
        if cluster.precis == nil { worker.program = "precis" }
        if let pipelinePath { worker.pipelineFile = pipelinePath }
        var job = KubernetesIndexedJob(pipeline: config.name, worker: worker, parallelism: parallelism, image: image)
        job.catalogSecret = catalogSecret.map { s in let p = s.split(separator: ":"); return (String(p[0]), String(p[1])) }
        job.volume = volumeClaim.map { ($0, mount) }
        job.namespace = namespace
        job.cpu = cpu
        job.memory = memory
        print(job.yaml, terminator: "")
        if !dryRun { Console.progress("follow it with `precis runs show \(run.id ?? 0)`") }
    }
}
