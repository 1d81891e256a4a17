import Foundation
import Inference
import Testing
@testable import Snapshot

/// Writing a cache and reading it back, for every codec and window state.
@Suite("Snapshot round trip")
struct RoundTripTests {
    /// Token counts around the window edges (sink 4, recent 8): empty, inside
    /// the sink, filling the ring, wrapping it, and many groups long.
    static let counts = [0, 3, 4, 11, 12, 13, 37, 300]

    @Test("f16 restores the cache bit for bit", arguments: counts)
    func f16Exact(count: Int) throws {
        let config = try Fixtures.config()
        for layout in [Fixtures.mixedLayout(config), HeadLayout.full(config),
                       HeadLayout(kinds: Array(repeating: [.streaming, .streaming], count: 3), sink: 4, recent: 8)] {
            let cache = try Fixtures.randomCache(config: config, layout: layout, count: count, seed: UInt64(count + 1))
            let identity = Fixtures.identity(layout)
            let path = Fixtures.temporaryPath("f16.pkv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bytes = try Snapshot.write(cache: cache, tokens: Fixtures.tokens(count), identity: identity, codec: .f16, to: path)
            #expect(bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
            let back = try Snapshot.read(path: path, expecting: identity, config: config, layout: layout)
            #expect(back.tokens == Fixtures.tokens(count))
            #expect(back.header.identity == identity)
            #expect(back.header.codec == .f16)
            #expect(Fixtures.identical(cache, back.cache), "count \(count) layout \(layout.kinds)")
            let summary = try Snapshot.verify(path: path)
            #expect(summary.fileBytes == bytes && summary.sections.count == config.layerCount + 1)
            #expect(try Snapshot.header(path: path) == back.header)
        }
    }

    /// Bound on the reconstruction error of one value `x` of a group spanning
    /// `[low, high]` with codes `0…levels`: half a quantization step (the f16
    /// scale may be up to 2 ulps larger than exact), the f16 rounding of the
    /// minimum and of the result, and f16 subnormal spacing.
    static func bound(x: Float, low: Float, high: Float, levels: Float) -> Float {
        0.5 * (high - low + abs(low) / 1024) / levels * (1 + 1.0 / 256) + (abs(x) + abs(low)) / 1024 + 2e-5
    }

    @Test("int8 and int4 stay within half a quantization step; streaming rows are exact",
          arguments: [SnapshotCodec.int8, .int4])
    func lossyBounded(codec: SnapshotCodec) throws {
        let config = try Fixtures.config(headDim: 48)
        let layout = Fixtures.mixedLayout(config)
        let groups = QuantizationGroups(keyTokens: 32, valueChannels: 32)  // 48 channels: one full, one partial group
        for count in [0, 5, 100, 333] {
            let cache = try Fixtures.randomCache(config: config, layout: layout, count: count, seed: 9)
            let identity = Fixtures.identity(layout)
            let path = Fixtures.temporaryPath("\(codec).pkv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Snapshot.write(cache: cache, tokens: Fixtures.tokens(count), identity: identity, codec: codec, groups: groups, to: path)
            let back = try Snapshot.read(path: path, expecting: identity, config: config)
            #expect(back.header.codec == codec && back.header.groups == groups)
            let d = config.headDim, levels = Float(codec.levels)
            for l in 0..<config.layerCount {
                for h in 0..<config.kvHeadCount {
                    let a = Fixtures.rows(cache, l, h), b = Fixtures.rows(back.cache, l, h)
                    if layout.kinds[l][h] == .streaming {
                        #expect(a.keys.map(\.bitPattern) == b.keys.map(\.bitPattern))
                        #expect(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
                        #expect(back.cache.positions(layer: l, head: h) == cache.positions(layer: l, head: h))
                        continue
                    }
                    // Keys: channel c over tokens t0..<t0+32.
                    for t0 in stride(from: 0, to: count, by: groups.keyTokens) {
                        let ts = t0..<min(count, t0 + groups.keyTokens)
                        for c in 0..<d {
                            let xs = ts.map { Float(a.keys[$0 * d + c]) }
                            let lo = xs.min()!, hi = xs.max()!
                            for t in ts {
                                let x = Float(a.keys[t * d + c]), e = abs(x - Float(b.keys[t * d + c]))
                                #expect(e <= Self.bound(x: x, low: lo, high: hi, levels: levels), "key l\(l) h\(h) t\(t) c\(c)")
                            }
                        }
                    }
                    // Values: token t over channels c0..<c0+32.
                    for t in 0..<count {
                        for c0 in stride(from: 0, to: d, by: groups.valueChannels) {
                            let cs = c0..<min(d, c0 + groups.valueChannels)
                            let xs = cs.map { Float(a.values[t * d + $0]) }
                            let lo = xs.min()!, hi = xs.max()!
                            for c in cs {
                                let x = Float(a.values[t * d + c]), e = abs(x - Float(b.values[t * d + c]))
                                #expect(e <= Self.bound(x: x, low: lo, high: hi, levels: levels), "value l\(l) h\(h) t\(t) c\(c)")
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("lossy snapshots are smaller than f16 ones")
    func sizesShrink() throws {
        let config = try Fixtures.config(layers: 2, kvHeads: 2, headDim: 64)
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 1024, seed: 4)
        var sizes: [SnapshotCodec: Int] = [:]
        for codec in SnapshotCodec.allCases {
            let path = Fixtures.temporaryPath("size.pkv")
            defer { try? FileManager.default.removeItem(atPath: path) }
            sizes[codec] = try Snapshot.write(cache: cache, tokens: Fixtures.tokens(1024), identity: Fixtures.identity(layout),
                                              codec: codec, to: path)
        }
        let full = cache.fullBytes(forTokens: 1024)
        #expect(sizes[.f16]! < full * 55 / 100)
        // Random rows are less compressible than real ones; these are loose.
        #expect(sizes[.int8]! < sizes[.f16]! * 80 / 100, "\(sizes)")
        #expect(sizes[.int4]! < sizes[.int8]! * 70 / 100, "\(sizes)")
    }

    @Test("writing refuses inconsistent arguments and leaves nothing behind")
    func badWrites() throws {
        let config = try Fixtures.config()
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 20, seed: 1)
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.pkv"
        #expect(throws: SnapshotError.self) {
            try Snapshot.write(cache: cache, tokens: Fixtures.tokens(19), identity: Fixtures.identity(layout), to: path)
        }
        var wrongWindow = Fixtures.identity(layout)
        wrongWindow.recent = 9
        #expect(throws: SnapshotError.self) {
            try Snapshot.write(cache: cache, tokens: Fixtures.tokens(20), identity: wrongWindow, to: path)
        }
        #expect(throws: SnapshotError.self) {
            try Snapshot.write(cache: cache, tokens: Fixtures.tokens(20), identity: Fixtures.identity(layout),
                               to: dir + "/missing/a.pkv")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        try Snapshot.write(cache: cache, tokens: Fixtures.tokens(20), identity: Fixtures.identity(layout), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a.pkv"])
    }
}
