import Foundation
import Testing
@testable import Ingest

/// Damaged copies of the good fixtures (truncated, bytes overwritten) must
/// either parse or fail with an `IngestError` — never trap, never throw
/// anything else.
@Suite struct RobustnessTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    static let names = Fixtures.files("good").filter { !$0.hasSuffix(".pdf") }

    @Test(arguments: names)
    func damagedCopiesFailCleanly(_ name: String) throws {
        let original = try Data(contentsOf: Fixtures.good(name))
        var rng = LCG(state: UInt64(name.utf8.count) &* 0x9E37_79B9)
        for round in 0..<60 {
            var bytes = [UInt8](original)
            if round % 2 == 0 {
                bytes = Array(bytes.prefix(1 + rng.next(bytes.count)))
            } else {
                for _ in 0..<(1 + rng.next(8)) { bytes[rng.next(bytes.count)] = UInt8(rng.next(256)) }
            }
            do {
                _ = try Ingester().ingest(data: Data(bytes), name: name)
            } catch is IngestError {
                continue
            } catch {
                Issue.record("\(name) round \(round): non-IngestError \(error)")
            }
        }
    }
}
