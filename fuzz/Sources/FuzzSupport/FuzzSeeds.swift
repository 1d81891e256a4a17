import Foundation
@testable import Ingest

/// Seed corpora, made at run time from the repository's test fixtures
/// (nothing is copied into fuzz/): scripts/fuzz.sh runs each target once
/// with `PRECIS_FUZZ_WRITE_SEEDS=DIR` before fuzzing it.
public enum FuzzSeeds {
    /// When `$PRECIS_FUZZ_WRITE_SEEDS` names a folder, writes `make()`'s
    /// seeds into it and exits; otherwise returns at once. Called from
    /// `LLVMFuzzerInitialize`, before libFuzzer reads any corpus.
    public static func writeIfAsked(_ make: () throws -> [(name: String, bytes: [UInt8])]) {
        guard let dir = ProcessInfo.processInfo.environment["PRECIS_FUZZ_WRITE_SEEDS"] else { return }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let seeds = try make()
            for (i, seed) in seeds.enumerated() {
                let name = String(format: "%03d-", i) + seed.name.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "_" }
                try Data(seed.bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(String(name)))
            }
            print("wrote \(seeds.count) seeds to \(dir)")
            exit(seeds.isEmpty ? 1 : 0)
        } catch {
            print("cannot write seeds: \(error)")
            exit(1)
        }
    }

    /// Ingest fixtures (`Tests/IngestTests/Fixtures/good` and `bad`) with one of `extensions`.
    public static func ingestFixtures(_ extensions: Set<String>) -> [(name: String, bytes: [UInt8])] {
        let root = Fuzz.tests.appendingPathComponent("IngestTests/Fixtures")
        return ["good", "bad"].flatMap { folder in
            Fuzz.read(Fuzz.files(in: root.appendingPathComponent(folder), extensions: extensions))
                .map { ("\(folder)-\($0.0)", $0.1) }
        }
    }

    /// The parts of the fixture EPUBs and DOCX files whose names end in one
    /// of `suffixes` (up to `limit` bytes each), read through `SafeZip`.
    public static func archiveParts(_ suffixes: [String], limit: Int = 256 << 10) -> [(name: String, bytes: [UInt8])] {
        let root = Fuzz.tests.appendingPathComponent("IngestTests/Fixtures")
        let archives = ["good", "bad"].flatMap {
            Fuzz.files(in: root.appendingPathComponent($0), extensions: ["epub", "docx"])
        }
        return archives.flatMap { url -> [(name: String, bytes: [UInt8])] in
            guard let zip = try? SafeZip(url: url, file: url.path, options: IngestOptions()) else { return [] }
            return zip.paths.sorted().filter { path in suffixes.contains { path.lowercased().hasSuffix($0) } }
                .compactMap { path in
                    guard let bytes = try? zip.read(path), !bytes.isEmpty, bytes.count <= limit else { return nil }
                    return ("\(url.lastPathComponent)-\(path)", bytes)
                }
        }
    }
}
