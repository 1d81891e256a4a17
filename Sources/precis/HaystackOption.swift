import ArgumentParser
import Foundation
import Inference
import InferenceLab
import Pipeline

/// `--haystack DIR`: the text passkeys are hidden in.
struct HaystackOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Directory of .txt/.md files to hide passkeys in (default: the essays installed by "
            + "`precis model fetch --haystack`).", valueName: "dir"))
    var haystack: String?

    /// The haystack text, with an error that says how to get the default one.
    func load() throws -> Haystack {
        if let haystack { return try Haystack(directory: haystack) }
        let dir = PrecisPaths.fromEnvironment().haystackEssays.path
        guard FileManager.default.fileExists(atPath: dir) else {
            throw ValidationError("the default haystack is not installed at \(dir); run `precis model fetch --haystack` or pass --haystack DIR")
        }
        return try Haystack(directory: dir)
    }
}
