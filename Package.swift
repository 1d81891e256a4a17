// swift-tools-version:6.0
import PackageDescription

/// `PRECIS_FUZZ=1` (set by scripts/fuzz.sh): the fuzz build keeps Swift's
/// overflow and bounds checks in every module, so a parser bug traps where
/// it happens instead of reading past a buffer.
let fuzzing = Context.environment["PRECIS_FUZZ"] == "1"

/// Kernels need AVX2 + FMA, or SIMD `addingProduct` lowers to a libm call per lane.
let fastMath: [SwiftSetting] = [
    .unsafeFlags((fuzzing ? [] : ["-Ounchecked"]) + ["-Xcc", "-march=x86-64-v3"]),
]

let package = Package(
    name: "Precis",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "precis", targets: ["precis"]),
        // Libraries for the fuzz package in fuzz/ (scripts/fuzz.sh).
        .library(name: "GGUF", targets: ["GGUF"]),
        .library(name: "GGUFWriting", targets: ["GGUFWriting"]),
        .library(name: "Tokenizers", targets: ["Tokenizers"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Snapshot", targets: ["Snapshot"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        .target(name: "GGUF", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: fastMath),
        // Writes GGUF files and quantizes f32 rows: tiny random-weight models
        // for tests, fuzz seeds and benchmarks; the product never writes a model.
        .target(name: "GGUFWriting", dependencies: ["GGUF"], swiftSettings: fastMath),
        .target(name: "Tokenizers", dependencies: ["GGUF"], swiftSettings: fastMath),
        .target(name: "Inference", dependencies: ["GGUF", "Tokenizers", "CBLAS"], resources: [.copy("Duo/Patterns")],
                swiftSettings: fastMath),
        // Research and measurement code the CLI runs (passkey retrieval, head
        // identification, benchmarks); nothing in the product pipeline uses it.
        .target(name: "InferenceLab", dependencies: ["Inference", "GGUF", "GGUFWriting"], swiftSettings: fastMath),
        .target(name: "Snapshot", dependencies: [
            "GGUF", "Inference", "CZstd",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: fastMath),
        .target(name: "Ingest", dependencies: [
            "GGUF", "CLibXML2",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Pipeline", dependencies: [
            "GGUF", "Inference", "Snapshot", "Ingest",
            .product(name: "Yams", package: "Yams"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The catalog in a PostgreSQL database shared by workers on many machines.
        .target(name: "PostgresCatalog", dependencies: [
            "Pipeline", "Snapshot",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Serve", dependencies: [
            "Pipeline", "GGUF", "Inference", "Ingest",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Page")]),
        .executableTarget(name: "precis", dependencies: [
            "Pipeline", "GGUF", "Inference", "InferenceLab", "Snapshot", "Ingest", "Serve", "PostgresCatalog",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "GGUFTests", dependencies: ["GGUF", "GGUFWriting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "InferenceLab", "Tokenizers", "GGUF", "GGUFWriting"], resources: [.copy("Fixtures")],
                    swiftSettings: fastMath),
        .testTarget(name: "SnapshotTests", dependencies: [
            "Snapshot", "Inference", "GGUF", "GGUFWriting", .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Fixtures"], swiftSettings: fastMath),
        .testTarget(name: "IngestTests", dependencies: [
            "Ingest", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ServeTests", dependencies: [
            "Serve", "Pipeline", "Inference", "GGUF", "Ingest", .product(name: "Hummingbird", package: "hummingbird"),
        ],
                    resources: [.copy("Clients")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "PostgresCatalog", "Snapshot", "Inference", "GGUF", "Ingest",
                                                    .product(name: "Yams", package: "Yams")],
                    exclude: ["Fixtures"], swiftSettings: fastMath),
    ]
)
