import Foundation
import Inference
import Testing
@testable import Snapshot

@Suite("Snapshot concurrency")
struct ConcurrencyTests {
    /// Readers running while a writer keeps replacing the file always load
    /// one complete snapshot, old or new, never a mix or a partial file.
    @Test func readersSeeWholeSnapshots() throws {
        let config = try Fixtures.config(layers: 4, kvHeads: 2, headDim: 32)
        let layout = Fixtures.mixedLayout(config)
        let identity = Fixtures.identity(layout)
        let versions = try (0..<2).map { v in
            (cache: try Fixtures.randomCache(config: config, layout: layout, count: 400 + 100 * v, seed: UInt64(10 + v)),
             tokens: Fixtures.tokens(400 + 100 * v, seed: Int32(v)))
        }
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/doc.pkv"
        try Snapshot.write(cache: versions[0].cache, tokens: versions[0].tokens, identity: identity, to: path)

        let done = Locked(false)
        let problems = Locked([String]())
        let loads = Locked(0)
        let writer = Thread {
            for i in 1...30 {
                let v = versions[i % 2]
                do { try Snapshot.write(cache: v.cache, tokens: v.tokens, identity: identity, to: path) }
                catch { problems.update { $0.append("write \(i): \(error)") } }
            }
            done.update { $0 = true }
        }
        writer.start()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while !done.value {
                do {
                    let back = try Snapshot.read(path: path, expecting: identity, config: config)
                    guard let v = versions.first(where: { $0.tokens == back.tokens }) else {
                        problems.update { $0.append("tokens of neither version") }; continue
                    }
                    if !Fixtures.identical(v.cache, back.cache) { problems.update { $0.append("rows of a mixed version") } }
                    loads.update { $0 += 1 }
                } catch {
                    problems.update { $0.append("read: \(error)") }
                }
            }
        }
        #expect(problems.value.isEmpty, "\(problems.value.prefix(3))")
        #expect(loads.value > 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(leftovers == ["doc.pkv"])
    }
}
