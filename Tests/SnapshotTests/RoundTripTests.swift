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

    @Test("lossy codecs keep every row within half a quantization step; streaming positions are exact",
          arguments: [SnapshotCodec.int8, .int4, .int2])
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
            for l in 0..<config.layerCount {
                for h in 0..<config.kvHeadCount {
                    #expect(back.cache.positions(layer: l, head: h) == cache.positions(layer: l, head: h))
                    Self.expectBounded(Fixtures.rows(cache, l, h), Fixtures.rows(back.cache, l, h), d: config.headDim,
                                       groups: groups, levels: Float(codec.levels), label: "l\(l) h\(h)")
                }
            }
        }
    }

    /// Keys per channel over groups of stored rows, values per row over
    /// groups of channels: each within half a step of the original.
    static func expectBounded(_ a: (keys: [Float16], values: [Float16]), _ b: (keys: [Float16], values: [Float16]),
                              d: Int, groups: QuantizationGroups, levels: Float, label: String) {
        let rows = a.keys.count / d
        #expect(b.keys.count == a.keys.count && b.values.count == a.values.count, "\(label) row count")
        guard b.keys.count == a.keys.count, b.values.count == a.values.count else { return }
        for t0 in stride(from: 0, to: rows, by: groups.keyTokens) {
            let ts = t0..<min(rows, t0 + groups.keyTokens)
            for c in 0..<d {
                let xs = ts.map { Float(a.keys[$0 * d + c]) }
                let lo = xs.min()!, hi = xs.max()!
                for t in ts {
                    let x = Float(a.keys[t * d + c]), e = abs(x - Float(b.keys[t * d + c]))
                    #expect(e <= bound(x: x, low: lo, high: hi, levels: levels), "key \(label) t\(t) c\(c)")
                }
            }
        }
        for t in 0..<rows {
            for c0 in stride(from: 0, to: d, by: groups.valueChannels) {
                let cs = c0..<min(d, c0 + groups.valueChannels)
                let xs = cs.map { Float(a.values[t * d + $0]) }
                let lo = xs.min()!, hi = xs.max()!
                for c in cs {
                    let x = Float(a.values[t * d + c]), e = abs(x - Float(b.values[t * d + c]))
                    #expect(e <= bound(x: x, low: lo, high: hi, levels: levels), "value \(label) t\(t) c\(c)")
                }
            }
        }
    }

    @Test("format version 1 files, whose streaming rows are f16 whatever the codec, still read exactly")
    func versionOneStillReads() throws {
        let config = try Fixtures.config(headDim: 48)
        let layout = Fixtures.mixedLayout(config)
        let cache = try Fixtures.randomCache(config: config, layout: layout, count: 100, seed: 5)
        let identity = Fixtures.identity(layout)
        let path = Fixtures.temporaryPath("v1.pkv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let v1 = try Snapshot.write(cache: cache, tokens: Fixtures.tokens(100), identity: identity, codec: .int4,
                                    formatVersion: 1, to: path)
        let back = try Snapshot.read(path: path, expecting: identity, config: config)
        #expect(back.header.version == 1)
        for l in 0..<config.layerCount {
            for h in 0..<config.kvHeadCount where layout.kinds[l][h] == .streaming {
                #expect(Fixtures.rows(cache, l, h).keys.map(\.bitPattern) == Fixtures.rows(back.cache, l, h).keys.map(\.bitPattern))
                #expect(Fixtures.rows(cache, l, h).values.map(\.bitPattern) == Fixtures.rows(back.cache, l, h).values.map(\.bitPattern))
            }
        }
        let v2 = try Snapshot.write(cache: cache, tokens: Fixtures.tokens(100), identity: identity, codec: .int4, to: path)
        #expect(v2 < v1, "version 2 quantizes streaming rows too: \(v2) vs \(v1) bytes")
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
        #expect(sizes[.int2]! < sizes[.int4]! * 75 / 100, "\(sizes)")
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
