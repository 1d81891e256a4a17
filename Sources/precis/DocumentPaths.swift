import Foundation

/// Turns command-line paths into the document files they name.
enum DocumentPaths {
    /// Files as given; directories replaced by their regular files, recursively,
    /// in sorted order, skipping hidden files and folders.
    static func expand(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let root = URL(fileURLWithPath: path)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [path] }
            var files: [String] = []
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(path.hasSuffix("/") ? path + url.path.dropFirst(root.path.count + 1) : path + "/" + url.path.dropFirst(root.path.count + 1))
            }
            return files.sorted()
        }
    }
}
