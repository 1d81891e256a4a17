import Foundation

/// A document found under one of a pipeline's input paths.
public struct DiscoveredDocument: Sendable, Hashable {
    /// The input directory it was found under (for a file given directly: its directory).
    public let root: URL
    /// Its path relative to `root`, `/`-separated; what globs are matched against.
    public let relativePath: String
    /// Its absolute location.
    public let url: URL
    /// Given directly as an input rather than found in a directory: a file
    /// the user named is expected to be a document, so one that is not fails.
    public var named = false
    /// A link to a file outside the inputs, not followed (`follow_symlinks`
    /// is off): listed so a run can say why it is not read.
    public var linkNotFollowed = false
}

/// Finds the documents a pipeline should process.
///
/// Walks each input directory recursively and takes files matching the
/// include globs (all files when there are none) and no exclude glob.
/// Hidden files and directories (names starting with `.`) and the output
/// directory are skipped, as are directories matching an exclude glob.
///
/// Symbolic links never lead out of the inputs unless asked: a link to a
/// file is read when its target lies inside one of the input paths, and
/// skipped otherwise (`passwd-link.txt -> /etc/passwd` must not reach the
/// catalog); links to directories are not descended into. With
/// `followSymlinks`, links to files anywhere are read and links to
/// directories outside the inputs walked, each once, so a link cannot make
/// the walk loop. A path given directly as an input is the user's choice and is
/// read wherever it points. A file given
/// directly as an input is matched by its name. Results are sorted by root,
/// then relative path, and a file reached twice (overlapping inputs, links)
/// is listed once, at its first place in that order.
public struct DocumentDiscovery: Sendable {
    public var inputs: [URL]
    public var include: [Glob]
    public var exclude: [Glob]
    /// Directories never walked into (the pipeline's output directory).
    public var skipDirectories: [URL]
    /// Follow links that lead outside the inputs.
    public var followSymlinks: Bool

    public init(inputs: [URL], include: [Glob] = [], exclude: [Glob] = [], skipDirectories: [URL] = [],
                followSymlinks: Bool = false) {
        self.inputs = inputs
        self.include = include
        self.exclude = exclude
        self.skipDirectories = skipDirectories
        self.followSymlinks = followSymlinks
    }

    /// Discovery for a pipeline's inputs, skipping its output directory.
    public init(config: PipelineConfig) {
        self.init(inputs: config.inputs.paths, include: config.inputs.include, exclude: config.inputs.exclude,
                  skipDirectories: [config.output], followSymlinks: config.inputs.followSymlinks)
    }

    /// The documents, sorted and deduplicated. Throws `PipelineError.inputMissing`
    /// when an input path does not exist.
    public func discover() throws -> [DiscoveredDocument] {
        var walk = Walk(skipped: Set(skipDirectories.map(Self.canonicalPath)),
                        roots: inputs.map(Self.canonicalPath), followSymlinks: followSymlinks)
        var found: [DiscoveredDocument] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory) else {
                throw PipelineError.inputMissing(path: input.path)
            }
            if isDirectory.boolValue {
                guard walk.enter(Self.canonicalPath(input)) else { continue }
                try self.walk(input, relative: "", root: input, state: &walk, into: &found)
            } else if wanted(input.lastPathComponent) {
                found.append(DiscoveredDocument(root: input.deletingLastPathComponent(),
                                                relativePath: input.lastPathComponent, url: input, named: true))
            }
        }
        return Self.sortedUnique(found)
    }

    private func walk(_ directory: URL, relative: String, root: URL, state: inout Walk,
                      into found: inout [DiscoveredDocument]) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw PipelineError.io(path: directory.path, problem: "cannot list the directory: \(error.localizedDescription)")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            let kind = state.kind(of: url)
            switch kind {
            case .directory, .linkedDirectory:
                let canonical = Self.canonicalPath(url)
                guard !exclude.contains(where: { $0.matches(path) }),
                      kind == .directory ? state.enter(canonical) : state.enterLink(canonical) else { continue }
                do {
                    try walk(url, relative: path, root: root, state: &state, into: &found)
                } catch {
                    // Listed as a document so the run reports it and goes on with the rest.
                    found.append(DiscoveredDocument(root: root, relativePath: path, url: url))
                }
            case .file:
                if wanted(path) { found.append(DiscoveredDocument(root: root, relativePath: path, url: url)) }
            case .outsideLink:
                if wanted(path) {
                    found.append(DiscoveredDocument(root: root, relativePath: path, url: url, linkNotFollowed: true))
                }
            case .other:
                continue
            }
        }
    }

    private func wanted(_ relativePath: String) -> Bool {
        (include.isEmpty || include.contains { $0.matches(relativePath) })
            && !exclude.contains { $0.matches(relativePath) }
    }

    static func canonicalPath(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func sortedUnique(_ documents: [DiscoveredDocument]) -> [DiscoveredDocument] {
        let sorted = documents.sorted { ($0.root.path, $0.relativePath) < ($1.root.path, $1.relativePath) }
        var seen = Set<String>()
        return sorted.filter { seen.insert(canonicalPath($0.url)).inserted }
    }
}
