import Foundation
import Pipeline

/// The files of `precis ingest`'s arguments, found by the same rules as a
/// batch run's inputs (`DocumentDiscovery`): hidden files skipped, links
/// read only when they stay inside the given paths unless `followSymlinks`.
enum DocumentPaths {
    /// Files as given; directories replaced by their documents, recursively,
    /// in sorted order, each as the directory's path plus its relative path.
    static func expand(_ paths: [String], followSymlinks: Bool = false) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let discovery = DocumentDiscovery(inputs: [URL(fileURLWithPath: path)], followSymlinks: followSymlinks)
            guard let documents = try? discovery.discover() else { return [path] }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            for link in documents where link.linkNotFollowed {
                Console.progress("\(prefix + link.relativePath): skipped, a link to a file outside \(path) (--follow-symlinks reads it)")
            }
            return documents.filter { !$0.linkNotFollowed }.map { prefix + $0.relativePath }
        }
    }
}
