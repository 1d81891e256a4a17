/// Why a snapshot could not be written, read or trusted.
///
/// Every case names the file and the problem. A caller that gets any of
/// these on load should fall back to prefilling the document again; the
/// snapshot is never half-applied.
public enum SnapshotError: Error, CustomStringConvertible, Equatable {
    /// Which identity field disagreed.
    public enum Fingerprint: String, Sendable, Equatable {
        case model, tokenizer, pattern
    }

    /// The file could not be opened, read, written, synced or renamed.
    case io(path: String, reason: String)
    /// The file does not start with the `.pkv` magic.
    case notASnapshot(path: String)
    /// The file was written by a format version this build cannot read.
    case unsupportedVersion(path: String, found: Int, supported: Int)
    /// The file ends before the data it announces (an interrupted copy or write).
    case truncated(path: String, detail: String)
    /// The header or index is damaged or self-contradictory.
    case corruptHeader(path: String, detail: String)
    /// A section's stored bytes do not match the checksum in the index.
    case checksumMismatch(path: String, section: Int, name: String)
    /// A section passed its checksum but does not decode to what the header describes.
    case corruptSection(path: String, section: Int, name: String, detail: String)
    /// The snapshot was made with a different model, tokenizer or head pattern.
    case fingerprintMismatch(path: String, which: Fingerprint, expected: String, found: String)
    /// A setting (sparsity, sink, recent, chunk, shape, layout) differs from what the caller runs with.
    case settingsMismatch(path: String, setting: String, expected: String, found: String)
    /// The cache and arguments given to `write` do not describe one consistent state.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .io(path, reason):
            return "snapshot \(path): \(reason)"
        case let .notASnapshot(path):
            return "\(path) is not a precis snapshot (bad magic)"
        case let .unsupportedVersion(path, found, supported):
            return "snapshot \(path) has format version \(found); this build reads versions \(SnapshotHeader.oldestReadableVersion) to \(supported) — prefill the document again"
        case let .truncated(path, detail):
            return "snapshot \(path) is truncated: \(detail) — prefill the document again"
        case let .corruptHeader(path, detail):
            return "snapshot \(path) has a damaged header or index: \(detail) — prefill the document again"
        case let .checksumMismatch(path, section, name):
            return "snapshot \(path) is corrupt: checksum mismatch in section \(section) (\(name)) — prefill the document again"
        case let .corruptSection(path, section, name, detail):
            return "snapshot \(path) is corrupt: section \(section) (\(name)) \(detail) — prefill the document again"
        case let .fingerprintMismatch(path, which, expected, found):
            return "snapshot \(path) was made with a different \(which.rawValue) "
                + "(snapshot \(found.prefix(16))…, current \(expected.prefix(16))…) — prefill the document again"
        case let .settingsMismatch(path, setting, expected, found):
            return "snapshot \(path) was made with \(setting) \(found), current \(setting) is \(expected) — prefill the document again"
        case let .invalidInput(message):
            return "cannot write snapshot: \(message)"
        }
    }
}
