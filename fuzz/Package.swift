// swift-tools-version:6.0
import Foundation
import PackageDescription

/// libFuzzer targets for the parsers that read untrusted bytes. Built and run
/// by scripts/fuzz.sh only (`swift build --sanitize=fuzzer` with
/// PRECIS_FUZZ=1), never by the main package's `swift build` or `swift test`.
///
/// Each target feeds its input to an `…FuzzEntry` function of the module it
/// covers; the regression tests in Tests/ replay saved inputs through the
/// same functions.

/// The main package is the parent folder; its identity is that folder's name.
let precis = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

func product(_ name: String) -> Target.Dependency { .product(name: name, package: precis) }

/// A fuzz target: an executable whose `LLVMFuzzerTestOneInput` libFuzzer calls.
func target(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + modules.map(product), path: "Sources/\(name)")
}

let package = Package(
    name: "PrecisFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [product("Ingest")]),
        target("gguf-header", ["GGUF", "GGUFWriting"]),
        target("snapshot", ["Snapshot", "Inference", "GGUF", "GGUFWriting"]),
        target("ingest-zip", ["Ingest"]),
        target("ingest-xml", ["Ingest"]),
        target("ingest-html", ["Ingest"]),
        target("ingest-subtitles", ["Ingest"]),
        target("ingest-text", ["Ingest"]),
        target("ingest-document", ["Ingest"]),
        target("pipeline-config", ["Pipeline"]),
    ]
)
