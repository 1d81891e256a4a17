import Foundation

/// The pipeline file loader as the fuzz target `pipeline-config` (fuzz/,
/// scripts/fuzz.sh) drives it with arbitrary bytes, and as the regression
/// tests replay the inputs it saved: parse, then use what a run uses (the
/// settings hash, each genre's prompts rendered, the schedule's next run).
///
/// Each call returns or throws `PipelineError`; a trap or a hang is a bug.
enum PipelineConfigFuzzEntry {
    static let file = URL(fileURLWithPath: "/precis-fuzz/pipelines/fuzz.yaml")
    /// A fixed instant, so a replay computes the same next run.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    static func load(_ bytes: [UInt8]) throws {
        // `PipelineConfig.load` refuses a file that is not UTF-8 before parsing.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let config = try PipelineConfigParser(file: file, displayName: "fuzz.yaml", home: "/home/fuzz").parse(text)
        _ = config.configHash
        let values = ["title": "T", "words": "120", "section": "S", "previous": "P"]
        for genre in DocumentGenre.allCases {
            let prompts = config.summary.prompts(for: genre)
            _ = (prompts.summary.render(values), prompts.merge.render(values), prompts.section.render(values))
            _ = config.summary.length(for: genre)
        }
        if let schedule = config.schedule {
            _ = schedule.nextRun(after: now, timeZone: TimeZone(identifier: "UTC") ?? .current)
        }
    }
}
