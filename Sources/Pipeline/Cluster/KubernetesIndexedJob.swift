import Foundation
import Yams

/// A Kubernetes Indexed Job whose pods are workers of one run: each runs
/// `precis worker` over the run, with the catalog URL from a Secret and the
/// shared volume (inputs, outputs, snapshots, the pipeline file) mounted
/// where the pipeline file's paths point.
public struct KubernetesIndexedJob: Sendable, Equatable {
    public var pipeline: String
    public var worker: WorkerInvocation
    /// Pods running at once (and completions: one per index).
    public var parallelism: Int
    /// The container image, with precis on it.
    public var image: String
    /// The Secret and key holding the catalog URL (`PRECIS_CATALOG`).
    public var catalogSecret: (name: String, key: String)?
    /// A PersistentVolumeClaim (ReadWriteMany) and where it is mounted.
    public var volume: (claim: String, mountPath: String)?
    public var namespace: String?
    /// Resource requests per pod: CPUs (e.g. `2`) and memory (e.g. `4Gi`).
    public var cpu: String?
    public var memory: String?

    public init(pipeline: String, worker: WorkerInvocation, parallelism: Int, image: String) {
        self.pipeline = pipeline
        self.worker = worker
        self.parallelism = parallelism
        self.image = image
    }

    public static func == (a: Self, b: Self) -> Bool { a.yaml == b.yaml }

    /// The Job's name: `precis-<pipeline>-<run>`, lower-cased as Kubernetes names must be.
    public var name: String {
        let base = "precis-\(pipeline)-\(worker.runID)".lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(String(base).prefix(63)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// The manifest as YAML.
    public var yaml: String {
        (try? Yams.serialize(node: manifest)) ?? ""
    }

    var manifest: Node {
        var metadata: [(String, Node)] = [("name", text(name)),
                                          ("labels", map([("app.kubernetes.io/name", "precis"), ("precis/pipeline", pipeline),
                                                          ("precis/run", String(worker.runID))]))]
        if let namespace { metadata.append(("namespace", text(namespace))) }
        return mapping([
            ("apiVersion", "batch/v1"), ("kind", "Job"), ("metadata", mapping(metadata)),
            ("spec", mapping([
                ("completionMode", "Indexed"), ("completions", number(parallelism)), ("parallelism", number(parallelism)),
                // A pod that fails is replaced (its document is claimed again after the lease); a few times per index.
                ("backoffLimitPerIndex", number(3)), ("backoffLimit", number(3 * parallelism)),
                ("template", mapping([("metadata", mapping([("labels", map([("precis/run", String(worker.runID))]))])),
                                      ("spec", podSpec)])),
            ])),
        ])
    }

    private var podSpec: Node {
        var container: [(String, Node)] = [("name", "worker"), ("image", text(image)),
                                           ("command", .sequence(.init(worker.arguments.map { text($0) })))]
        if let catalogSecret {
            container.append(("env", .sequence([mapping([
                ("name", "PRECIS_CATALOG"),
                ("valueFrom", mapping([("secretKeyRef", map([("name", catalogSecret.name), ("key", catalogSecret.key)]))])),
            ])])))
        }
        var requests: [(String, String)] = []
        if let cpu { requests.append(("cpu", cpu)) }
        if let memory { requests.append(("memory", memory)) }
        if !requests.isEmpty { container.append(("resources", mapping([("requests", map(requests))]))) }
        var spec: [(String, Node)] = [("restartPolicy", "Never"),
                                      // SIGTERM on eviction: time to give the claim back.
                                      ("terminationGracePeriodSeconds", number(60))]
        if let volume {
            container.append(("volumeMounts", .sequence([map([("name", "shared"), ("mountPath", volume.mountPath)])])))
            spec.append(("volumes", .sequence([mapping([("name", "shared"),
                                                        ("persistentVolumeClaim", map([("claimName", volume.claim)]))])])))
        }
        spec.insert(("containers", .sequence([mapping(container)])), at: 0)
        return mapping(spec)
    }

    private func mapping(_ pairs: [(String, Node)]) -> Node {
        .mapping(.init(pairs.map { (text($0.0), $0.1) }))
    }

    private func map(_ pairs: [(String, String)]) -> Node { mapping(pairs.map { ($0.0, text($0.1)) }) }

    private func number(_ value: Int) -> Node { Node(String(value), Tag(.int)) }

    /// A string scalar, quoted when YAML would read it plain as something else (a number, a boolean, null).
    private func text(_ value: String) -> Node {
        let other = (try? Yams.load(yaml: value)).map { !($0 is String) } ?? true
        return Node(value, Tag(.str), other || value.isEmpty ? .doubleQuoted : .any)
    }
}
