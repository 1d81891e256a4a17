import Foundation
import Testing
@testable import GGUF

/// Replays the inputs scripts/fuzz.sh saved for the `gguf-header` target
/// (Fixtures/fuzz-regressions/gguf-header) through the function the target
/// calls: each must parse or be refused with an error, never crash.
@Suite struct GGUFFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions/gguf-header")

    /// Every saved input of the folder (its README aside).
    static var inputs: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func savedInputsParseOrThrow() throws {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
        for input in Self.inputs {
            do { try GGUFFuzzEntry.parse([UInt8](try Data(contentsOf: input))) } catch is GGUFError {}
        }
    }

    @Test func theEntryReadsAWholeModel() throws {
        try GGUFFuzzEntry.parse(try smallModel().bytes())
    }
}
