/// Resolves relative, percent-encoded hrefs inside a container to entry paths.
enum ZipPath {
    /// Directory part of an entry path, with a trailing slash ("" at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `href` (relative to the entry at `base`) as an entry path plus its
    /// fragment. Nil for external URLs and for paths that climb above the root.
    static func resolve(_ href: String, relativeTo base: String) -> (path: String, fragment: String?)? {
        if href.contains("://") || href.hasPrefix("mailto:") { return nil }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let raw = percentDecode(String(parts[0]))
        if raw.isEmpty { return (base, fragment) }
        var stack: [Substring] = raw.hasPrefix("/") ? [] : directory(of: base).split(separator: "/")
        for component in raw.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if stack.popLast() == nil { return nil }
            default: stack.append(component)
            }
        }
        return (stack.joined(separator: "/"), fragment)
    }

    static func percentDecode(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
