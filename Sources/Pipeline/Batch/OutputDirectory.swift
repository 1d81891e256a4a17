import Foundation
import GGUF

/// The directory a run writes summaries and its index into, claimed before
/// anything is written: Precis only writes into a directory it created or
/// marked as its own, so `--out ~`, `output: /`, `--out` pointing at the
/// documents, or a directory holding someone's `index.md` cannot lose files.
///
/// A claimed directory holds a `.precis-output` marker (hidden, so discovery
/// never reads it). A new or empty directory is created and marked; one
/// written by an earlier Precis (its `index.json` is a run report) is marked
/// too; any other non-empty directory is refused.
public enum OutputDirectory {
    /// The marker file's name.
    public static let markerName = ".precis-output"

    static let markerText = """
        This directory holds summaries written by Precis (precis summarize / precis run).
        Precis rewrites its files here; do not keep other files in it.

        """

    /// Checks `output` against `inputs` and `home`, then creates and marks it
    /// as needed; throws `PipelineError.unsafeOutput` saying why it is refused.
    public static func claim(_ output: URL, inputs: [URL],
                             home: String? = ProcessInfo.processInfo.environment["HOME"]) throws {
        let path = DocumentDiscovery.canonicalPath(output)
        try refuseSpecialPlaces(path, shown: output.path, home: home)
        try refuseOverlap(path, shown: output.path, inputs: inputs)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw refusal(output, "it is a file, not a directory") }
            if fm.fileExists(atPath: marker(path)) { return }
            guard isEmptyOrEarlierOutput(path) else {
                throw refusal(output, "it is not empty and Precis did not create it; choose a new or empty directory "
                              + "(Precis marks its own with \(markerName))")
            }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw PipelineError.io(path: output.path, problem: "cannot create the output directory: \(error.localizedDescription)")
            }
        }
        do { try AtomicFile.write(Array(markerText.utf8), to: marker(path)) } catch {
            throw PipelineError.io(path: marker(path), problem: "cannot mark the output directory: \(error)")
        }
    }

    private static func marker(_ path: String) -> String { path + "/" + markerName }

    /// Removes what killed writers left half-written in `output` (a summary
    /// write takes moments: a temporary ten minutes old is lost).
    static func removeAbandonedTemporaries(_ output: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        TemporaryName.removeAbandoned(names.map { output.appendingPathComponent($0) }, olderThan: Date().addingTimeInterval(-600))
    }

    private static func refusal(_ output: URL, _ why: String) -> PipelineError {
        .unsafeOutput(path: output.path, problem: why)
    }

    /// The file system root and the home directory are never output directories.
    private static func refuseSpecialPlaces(_ path: String, shown: String, home: String?) throws {
        if path == "/" { throw PipelineError.unsafeOutput(path: shown, problem: "it is the root directory") }
        if let home, !home.isEmpty, path == DocumentDiscovery.canonicalPath(URL(fileURLWithPath: home)) {
            throw PipelineError.unsafeOutput(path: shown, problem: "it is the home directory")
        }
    }

    /// The output may lie inside an input (discovery skips it) but may not
    /// be an input or hold one: summaries would be written among the documents.
    private static func refuseOverlap(_ path: String, shown: String, inputs: [URL]) throws {
        for input in inputs {
            let other = DocumentDiscovery.canonicalPath(input)
            if other == path {
                throw PipelineError.unsafeOutput(path: shown, problem: "it is the input \(input.path); write summaries elsewhere")
            }
            if other.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
                throw PipelineError.unsafeOutput(path: shown, problem: "it contains the input \(input.path); write summaries elsewhere")
            }
        }
    }

    /// Empty, or holding an `index.json` that Precis wrote (an output
    /// directory from before the marker existed).
    private static func isEmptyOrEarlierOutput(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if names.isEmpty { return true }
        guard names.contains("index.json"),
              let data = FileManager.default.contents(atPath: path + "/index.json"),
              let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        let run = report["last_run"] as? [String: Any] ?? report  // the index, or a bare run report of older versions
        return report["pipeline"] is String && run["entries"] is [Any] && run["tokens_per_second"] != nil
    }
}
