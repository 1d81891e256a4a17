import Foundation

/// Names of the temporary siblings files are written under before the
/// rename that publishes them: `<path>.tmp-<pid>@<host>-<random>`, unique
/// per host and process, so writers on several machines sharing one
/// directory (NFS) never collide, and a cleaner can tell which writer is
/// its own machine's (and check it is gone) from one elsewhere (left to age).
public enum TemporaryName {
    /// This machine's host name (`localhost` when it cannot be read).
    public static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }()

    /// A fresh temporary name beside `path`.
    public static func sibling(of path: String) -> String {
        "\(path).tmp-\(getpid())@\(host.replacingSlashes)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Who writes the temporary file `name` (a file name or path): its pid
    /// and host (nil host: a name without one, from an older writer on this
    /// machine); nil when `name` is not such a temporary.
    public static func writer(of name: String) -> (pid: Int32, host: String?)? {
        guard let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let rest = name[range.upperBound...]
        let digits = rest.prefix { $0.isNumber }
        guard let pid = Int32(digits) else { return nil }
        let after = rest.dropFirst(digits.count)
        if after.first == "-" { return (pid, nil) }
        guard after.first == "@", let dash = after.lastIndex(of: "-") else { return nil }
        return (pid, String(after[after.index(after: after.startIndex)..<dash]))
    }

    /// Whether `name` is written by a process of this machine that has exited.
    public static func isAbandonedHere(_ name: String, alive: (Int32) -> Bool) -> Bool {
        guard let writer = writer(of: name), writer.host == nil || writer.host == host.replacingSlashes else { return false }
        return writer.pid != getpid() && !alive(writer.pid)
    }
}

extension TemporaryName {
    /// Removes the temporaries among `files` that no writer will rename:
    /// those of this machine's exited processes, and any (a writer elsewhere
    /// cannot be asked) last modified before `cutoff`.
    public static func removeAbandoned(_ files: [URL], olderThan cutoff: Date) {
        for url in files where writer(of: url.lastPathComponent) != nil {
            if isAbandonedHere(url.lastPathComponent, alive: ProcessLiveness.isAlive) {
                try? FileManager.default.removeItem(at: url)
                continue
            }
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? cutoff
            if modified < cutoff { try? FileManager.default.removeItem(at: url) }
        }
    }
}

private extension String {
    var replacingSlashes: String { split(separator: "/").joined(separator: "_") }
}
