import Foundation

extension PrecisPaths {
    /// The essays installed by `precis model fetch --haystack`: the default
    /// haystack of passkey evaluation and head identification.
    public var haystackEssays: URL {
        haystack.appendingPathComponent(PyPIAsset.haystackEssays.fileName, isDirectory: true)
    }
}
