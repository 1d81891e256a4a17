import Foundation
import Inference
import Snapshot

/// The `model`, `schedule` and `retention` sections of a pipeline file.
extension PipelineConfigParser {
    static let modelKeys = ["name", "path", "pattern", "sparsity", "sink", "recent", "chunk", "codec", "snapshot_sparsity", "numerics"]

    func engine(_ node: ConfigNode) throws -> EngineSettings {
        if case .scalar = node.node {
            return node.isNull ? EngineSettings() : EngineSettings(model: .parse(try node.nonEmptyString(), path: resolve))
        }
        let keys = try node.mapping(allowed: Self.modelKeys)
        var settings = EngineSettings()
        settings.model = try keys["path"].map { .file(try path($0)) }
        if let nameNode = keys["name"] {
            guard keys["path"] == nil else {
                throw nameNode.failure("'model' takes 'name' (a registry model) or 'path' (a GGUF file), not both")
            }
            let name = try nameNode.nonEmptyString()
            guard ModelRegistry.model(named: name) != nil else {
                throw nameNode.failure("'model.name' must be a registry model (\(ModelRegistry.names.joined(separator: ", "))); got '\(name)'")
            }
            settings.model = .registered(name)
        }
        settings.pattern = try keys["pattern"].map { try path($0) }
        if let sparsity = keys["sparsity"] {
            let value = try sparsity.double()
            guard (0...1).contains(value) else {
                throw sparsity.failure("'model.sparsity' must be between 0 and 1 (the fraction of KV heads that stream), got \(value)")
            }
            settings.sparsity = value
        }
        settings.sink = try keys["sink"].map { try $0.positiveInt() }
        settings.recent = try keys["recent"].map { try $0.positiveInt() }
        settings.chunk = try keys["chunk"].map { try $0.positiveInt() }
        if let codec = keys["codec"] {
            let name = try codec.string()
            guard let value = SnapshotCodec(name: name) else {
                throw codec.failure("'model.codec' must be one of f16, int8, int4, int2; got '\(name)'")
            }
            settings.codec = value
        }
        if let node = keys["snapshot_sparsity"] {
            let value = try node.double()
            guard (0...1).contains(value) else {
                throw node.failure("'model.snapshot_sparsity' must be between 0 and 1 (the fraction of KV heads a snapshot streams), got \(value)")
            }
            settings.snapshotSparsity = value
        }
        if let node = keys["numerics"] {
            let name = try node.string()
            guard let value = Numerics(rawValue: name), value != .llamaCpp else {
                throw node.failure("'model.numerics' must be fast or exact; got '\(name)'")
            }
            settings.numerics = value
        }
        return settings
    }

    func schedule(_ node: ConfigNode) throws -> CronExpression? {
        if node.isNull { return nil }
        let text = try node.nonEmptyString()
        do { return try CronExpression(text) } catch let error as PipelineError {
            guard case let .cron(_, field, problem) = error else { throw error }
            let at = field.map { " (\($0) field)" } ?? ""
            throw node.failure("bad 'schedule' '\(text)'\(at): \(problem)")
        }
    }

    func retention(_ node: ConfigNode) throws -> RetentionPolicy {
        let keys = try node.mapping(allowed: ["snapshots_max_bytes", "snapshots_older_than"])
        var policy = RetentionPolicy()
        if let size = keys["snapshots_max_bytes"] {
            let text = try size.string()
            guard let bytes = RetentionPolicy.parseSize(text) else {
                throw size.failure("'retention.snapshots_max_bytes' must be a byte count or a size like 2GB, 500MiB; got '\(text)'")
            }
            policy.snapshotsMaxBytes = bytes
        }
        if let age = keys["snapshots_older_than"] {
            let text = try age.string()
            guard let seconds = RetentionPolicy.parseDuration(text) else {
                throw age.failure("'retention.snapshots_older_than' must be a duration like 30d, 12h, 1w, 1d12h; got '\(text)'")
            }
            policy.snapshotsOlderThan = seconds
        }
        return policy
    }
}
