import Foundation

/// A batch pipeline as described by a pipeline file (YAML): which documents
/// to read, where to write, which model and cache settings to use, what
/// summaries to produce, and when to run.
///
/// Paths are absolute: relative paths in the file are resolved against the
/// file's directory, so a pipeline runs the same from any working directory.
/// See `PipelineConfigParser` for the schema.
public struct PipelineConfig: Sendable, Hashable {
    /// The pipeline's name: letters, digits, `.`, `_`, `-`. Names schedule units and lock files.
    public var name: String
    /// The pipeline file it was read from.
    public var file: URL
    /// Free text describing the pipeline.
    public var about: String?
    public var inputs: InputSettings
    /// Directory the outputs are written to (default `out` beside the file).
    public var output: URL
    public var engine: EngineSettings
    public var summary: SummarySettings
    /// When the pipeline runs unattended; nil when it is only run by hand.
    public var schedule: CronExpression?
    public var retention: RetentionPolicy
    /// Where its runs and results are recorded when not the default catalog
    /// (see `CatalogLocation`); not part of `configHash`.
    public var catalog: CatalogLocation?
    /// Where its snapshots are kept when not the cache directory's store
    /// (a shared path for workers on many machines); not part of `configHash`.
    public var snapshots: URL?

    public init(name: String, file: URL, about: String? = nil, inputs: InputSettings, output: URL,
                engine: EngineSettings = EngineSettings(), summary: SummarySettings = SummarySettings(),
                schedule: CronExpression? = nil, retention: RetentionPolicy = RetentionPolicy(),
                catalog: CatalogLocation? = nil, snapshots: URL? = nil) {
        self.name = name
        self.file = file
        self.about = about
        self.inputs = inputs
        self.output = output
        self.engine = engine
        self.summary = summary
        self.schedule = schedule
        self.retention = retention
        self.catalog = catalog
        self.snapshots = snapshots
    }

    /// Whether `name` can name a pipeline (and so a unit file, a lock file, a crontab marker).
    public static func isValidName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, isLetterOrDigit(first), scalars.count <= 100 else { return false }
        return scalars.allSatisfy { isLetterOrDigit($0) || "._-".unicodeScalars.contains($0) }
    }

    private static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
