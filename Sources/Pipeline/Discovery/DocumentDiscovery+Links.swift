import Foundation

extension DocumentDiscovery {
    enum Kind { case file, directory, linkedDirectory, outsideLink, other }

    /// The state of one discovery walk: the directories entered so far and
    /// the rule for symbolic links.
    struct Walk {
        /// Canonical paths never walked into.
        let skipped: Set<String>
        /// Canonical input paths: a link may point anywhere inside them.
        let roots: [String]
        let followSymlinks: Bool
        /// Canonical directories already walked through links, so links cannot loop.
        private var entered: Set<String> = []

        init(skipped: Set<String>, roots: [String], followSymlinks: Bool) {
            self.skipped = skipped
            self.roots = roots
            self.followSymlinks = followSymlinks
        }

        /// Whether a real directory at `canonical` is walked (not skipped).
        func enter(_ canonical: String) -> Bool { !skipped.contains(canonical) }

        /// Whether a linked directory is walked: not skipped and not walked
        /// through a link before.
        mutating func enterLink(_ canonical: String) -> Bool {
            enter(canonical) && entered.insert(canonical).inserted
        }

        /// Regular files are files and real directories directories; a link to
        /// a file is a file when it stays inside the inputs (or links are
        /// followed); a link to a directory outside the inputs is walked only
        /// when links are followed; sockets and the like are neither.
        func kind(of url: URL) -> Kind {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                  let type = attributes[.type] as? FileAttributeType else { return .other }
            switch type {
            case .typeDirectory: return .directory
            case .typeRegular: return .file
            case .typeSymbolicLink:
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .other }
                // A linked directory inside the inputs is walked anyway (or is a loop).
                let canonical = DocumentDiscovery.canonicalPath(url)
                if isDirectory.boolValue { return followSymlinks && !insideRoots(canonical) ? .linkedDirectory : .other }
                return followSymlinks || insideRoots(canonical) ? .file : .outsideLink
            default: return .other
            }
        }

        /// Whether `canonical` is an input path or lies inside one.
        func insideRoots(_ canonical: String) -> Bool {
            roots.contains { canonical == $0 || canonical.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
    }
}
