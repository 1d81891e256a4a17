import Foundation
import Testing
@testable import Pipeline

/// Replays the inputs scripts/fuzz.sh saved for the `pipeline-config`
/// target (Fixtures/fuzz-regressions/pipeline-config) through the function
/// the target calls: each must load or be refused with an error, never crash.
@Suite struct PipelineFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/pipeline-config")

    /// Every saved input of the folder (its README aside).
    static var inputs: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func savedInputsLoadOrAreRefused() throws {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
        for input in Self.inputs {
            do { try PipelineConfigFuzzEntry.load([UInt8](try Data(contentsOf: input))) } catch is PipelineError {}
        }
    }

    @Test func theEntryLoadsTheShippedPipelines() throws {
        for name in ["samples.yaml", "nightly.yaml"] {
            try PipelineConfigFuzzEntry.load([UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("pipelines/\(name)"))))
        }
    }
}
