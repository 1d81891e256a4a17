import Foundation

extension PipelineConfig {
    /// Loads a pipeline by name or path.
    ///
    /// `nameOrPath` is a path when it contains `/` or ends in `.yaml`/`.yml`
    /// (relative to the current directory); otherwise it is a name, found as
    /// `<searchDirectory>/pipelines/<name>.yaml` (or `.yml`).
    public static func load(nameOrPath: String, searchDirectory: URL? = nil) throws -> PipelineConfig {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let candidates = candidateFiles(nameOrPath, searchDirectory: searchDirectory ?? cwd, cwd: cwd)
        guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw PipelineError.pipelineNotFound(name: nameOrPath, searched: candidates.map { display($0, cwd: cwd) })
        }
        return try load(file: file, displayName: display(file, cwd: cwd))
    }

    /// Loads the pipeline file at `file`; `displayName` names it in errors.
    public static func load(file: URL, displayName: String? = nil) throws -> PipelineConfig {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw PipelineError.io(path: file.path, problem: "cannot read the pipeline file: \(error.localizedDescription)")
        }
        return try PipelineConfigParser(file: file, displayName: displayName).parse(text)
    }

    static func candidateFiles(_ nameOrPath: String, searchDirectory: URL, cwd: URL) -> [URL] {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        if isPath { return [URL(fileURLWithPath: nameOrPath, relativeTo: cwd).standardizedFileURL.absoluteURL] }
        let dir = searchDirectory.appendingPathComponent("pipelines", isDirectory: true)
        return ["yaml", "yml"].map { dir.appendingPathComponent("\(nameOrPath).\($0)").standardizedFileURL }
    }

    /// `file`'s path relative to `cwd` when it is inside it, else absolute.
    static func display(_ file: URL, cwd: URL) -> String {
        let base = cwd.standardizedFileURL.path
        let path = file.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
