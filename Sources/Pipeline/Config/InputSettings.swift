import Foundation

/// Where a pipeline finds its documents.
public struct InputSettings: Sendable, Hashable {
    /// Directories (walked recursively) and single files, as absolute URLs.
    public var paths: [URL]
    /// Only files matching one of these are taken; empty takes every file.
    public var include: [Glob]
    /// Files (and directories) matching one of these are skipped.
    public var exclude: [Glob]

    public init(paths: [URL], include: [Glob] = [], exclude: [Glob] = []) {
        self.paths = paths
        self.include = include
        self.exclude = exclude
    }
}
