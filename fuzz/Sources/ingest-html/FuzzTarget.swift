import FuzzSupport
@testable import Ingest

/// libFuzzer calls this with each input; a thrown error is an expected
/// outcome, a trap is the finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzz.bytes(data, size)
    _ = try? IngestFuzzEntry.html(input)
    return 0
}

/// Called once before fuzzing; writes the seed corpus instead when asked.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzSeeds.writeIfAsked { FuzzSeeds.ingestFixtures(["html"]) + FuzzSeeds.archiveParts([".xhtml", ".html"]) }
    return 0
}
