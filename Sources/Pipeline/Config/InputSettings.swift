import Foundation

/// Where a pipeline finds its documents.
public struct InputSettings: Sendable, Hashable {
    /// Directories (walked recursively) and single files, as absolute URLs.
    public var paths: [URL]
    /// Only files matching one of these are taken; empty takes every file.
    public var include: [Glob]
    /// Files (and directories) matching one of these are skipped.
    public var exclude: [Glob]
    /// Follow symbolic links that lead outside the input paths (by default
    /// only links whose target lies inside one of them are read).
    public var followSymlinks: Bool

    public init(paths: [URL], include: [Glob] = [], exclude: [Glob] = [], followSymlinks: Bool = false) {
        self.paths = paths
        self.include = include
        self.exclude = exclude
        self.followSymlinks = followSymlinks
    }
}
