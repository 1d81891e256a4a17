import Inference

/// A layer section that decodes but contradicts its header.
struct SectionDecodeFailure: Error { let detail: String }

/// Turns one layer of a cache into its raw section bytes and back
/// (layout in `SectionLayout`); compression happens around it.
enum SectionCodec {
    /// The raw section of `layer`. The cache must match `layout` (checked by the writer).
    static func encode(cache: HybridKVCache, layer: Int, layout: SectionLayout) -> [UInt8] {
        let totalWords = layout.totalWords, offsets = layout.offsets()
        var words = [Float16](repeating: 0, count: totalWords)
        var raw = [UInt8](repeating: 0, count: layout.rawSize)
        words.withUnsafeMutableBufferPointer { wb in
            raw.withUnsafeMutableBufferPointer { rb in
                guard let wbase = wb.baseAddress, let rbase = rb.baseAddress else { return }
                for h in layout.kinds.indices {
                    var w = wbase + offsets[h].words
                    let codes = rbase + 2 * totalWords + offsets[h].codes, n = layout.rows(h)
                    // A head the snapshot streams but the cache keeps in full keeps only its window.
                    let demoted = layout.kinds[h] == .streaming && cache.layout.kinds[layer][h] == .retrieval
                    let positions = layout.kinds[h] != .streaming ? []
                        : demoted ? streamingPositions(count: layout.count, sink: layout.sink, recent: layout.recent)
                        : cache.positions(layer: layer, head: h)
                    if layout.kinds[h] == .streaming {
                        for (i, p) in positions.enumerated() {
                            w[2 * i] = Float16(bitPattern: UInt16(truncatingIfNeeded: p))
                            w[2 * i + 1] = Float16(bitPattern: UInt16(truncatingIfNeeded: p >> 16))
                        }
                        w += 2 * n
                    }
                    cache.withRows(layer: layer, head: h) { keys, values in
                        guard let k = keys.baseAddress, let v = values.baseAddress else { return }
                        guard demoted else {
                            return encodeRows(k, v, rows: n, codec: layout.codec(h), layout: layout, words: w, codes: codes)
                        }
                        let d = layout.headDim
                        var window = [Float16](repeating: 0, count: max(1, 2 * n * d))
                        window.withUnsafeMutableBufferPointer { wb in
                            for (i, p) in positions.enumerated() {
                                (wb.baseAddress! + i * d).update(from: k + p * d, count: d)
                                (wb.baseAddress! + (n + i) * d).update(from: v + p * d, count: d)
                            }
                            encodeRows(wb.baseAddress!, wb.baseAddress! + n * d, rows: n, codec: layout.codec(h),
                                       layout: layout, words: w, codes: codes)
                        }
                    }
                }
                wbase.withMemoryRebound(to: UInt16.self, capacity: totalWords) {
                    ByteShuffle.shuffle($0, count: totalWords, into: rbase)
                }
            }
        }
        return raw
    }

    /// Stores `rows` key and value rows with `codec`: f16 words, or group
    /// parameters in `words` and packed codes in `codes`.
    private static func encodeRows(_ k: UnsafePointer<Float16>, _ v: UnsafePointer<Float16>, rows n: Int,
                                   codec: SnapshotCodec, layout: SectionLayout,
                                   words w: UnsafeMutablePointer<Float16>, codes: UnsafeMutablePointer<UInt8>) {
        let d = layout.headDim
        guard codec != .f16 else {
            w.update(from: k, count: n * d)
            (w + n * d).update(from: v, count: n * d)
            return
        }
        let kp = layout.keyGroups(rows: n) * d, vp = n * layout.valueGroupsPerRow, plane = n * d
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, 2 * plane))
        defer { scratch.deallocate() }
        GroupQuantizer.quantizeKeys(k, count: n, d: d, groupTokens: layout.groups.keyTokens, levels: codec.levels,
                                    scales: w, zeros: w + kp, codes: scratch)
        GroupQuantizer.quantizeValues(v, count: n, d: d, groupChannels: layout.groups.valueChannels,
                                      levels: codec.levels, scales: w + 2 * kp, zeros: w + 2 * kp + vp,
                                      codes: scratch + plane)
        GroupQuantizer.pack(scratch, count: 2 * plane, bits: codec.bits, into: codes)
    }

    /// Decodes raw section bytes into each head's key and value rows
    /// (`destinations[h]`, sized as `layout.rows(h) × headDim`), checking
    /// that streaming heads' stored positions equal `positions`.
    static func decode(raw: UnsafeRawBufferPointer, layout: SectionLayout,
                       destinations: [(keys: UnsafeMutablePointer<Float16>, values: UnsafeMutablePointer<Float16>)],
                       positions: [Int]) throws {
        guard raw.count == layout.rawSize, let base = raw.baseAddress else {
            throw SectionDecodeFailure(detail: "holds \(raw.count) bytes, the header implies \(layout.rawSize)")
        }
        let totalWords = layout.totalWords
        let low = base.assumingMemoryBound(to: UInt8.self), high = low + totalWords, codeBase = low + 2 * totalWords
        let words = { (offset: Int, n: Int, out: UnsafeMutablePointer<Float16>) in
            out.withMemoryRebound(to: UInt16.self, capacity: n) {
                ByteShuffle.unshuffle(low: low + offset, high: high + offset, count: n, into: $0)
            }
        }
        for (h, offset) in layout.offsets().enumerated() {
            var o = offset.words
            let n = layout.rows(h)
            if layout.kinds[h] == .streaming {
                var stored = [Float16](repeating: 0, count: max(1, 2 * n))
                stored.withUnsafeMutableBufferPointer { words(o, 2 * n, $0.baseAddress!) }
                for i in 0..<n {
                    let p = Int(stored[2 * i].bitPattern) | Int(stored[2 * i + 1].bitPattern) << 16
                    guard i < positions.count, p == positions[i] else {
                        throw SectionDecodeFailure(detail: "stores position \(p) in row \(i) of head \(h), expected \(i < positions.count ? positions[i] : -1)")
                    }
                }
                o += 2 * n
            }
            decodeRows(rows: n, codec: layout.codec(h), layout: layout, words: { words(o + $0, $1, $2) },
                       codes: codeBase + offset.codes, into: destinations[h])
        }
    }

    /// Inverse of `encodeRows`; `words(offset, n, out)` reads f16 words of the head.
    private static func decodeRows(rows n: Int, codec: SnapshotCodec, layout: SectionLayout,
                                   words: (Int, Int, UnsafeMutablePointer<Float16>) -> Void, codes: UnsafePointer<UInt8>,
                                   into destination: (keys: UnsafeMutablePointer<Float16>, values: UnsafeMutablePointer<Float16>)) {
        let d = layout.headDim, (k, v) = destination
        guard codec != .f16 else {
            words(0, n * d, k)
            words(n * d, n * d, v)
            return
        }
        let kp = layout.keyGroups(rows: n) * d, vp = n * layout.valueGroupsPerRow, plane = n * d
        var params = [Float16](repeating: 0, count: max(1, 2 * kp + 2 * vp))
        var unpacked = [UInt8](repeating: 0, count: max(1, 2 * plane))
        params.withUnsafeMutableBufferPointer { pb in
            unpacked.withUnsafeMutableBufferPointer { ub in
                let p = pb.baseAddress!, c = ub.baseAddress!
                words(0, 2 * kp + 2 * vp, p)
                GroupQuantizer.unpack(codes, count: 2 * plane, bits: codec.bits, into: c)
                GroupQuantizer.dequantizeKeys(codes: c, scales: p, zeros: p + kp, count: n, d: d,
                                              groupTokens: layout.groups.keyTokens, into: k)
                GroupQuantizer.dequantizeValues(codes: c + plane, scales: p + 2 * kp, zeros: p + 2 * kp + vp,
                                                count: n, d: d, groupChannels: layout.groups.valueChannels, into: v)
            }
        }
    }

    /// Positions a streaming head holds after `count` tokens (sink rows, then
    /// ring slots), as `HybridKVCache.positions` reports them.
    static func streamingPositions(count: Int, sink: Int, recent: Int) -> [Int] {
        let sinkRows = min(count, sink), ringRows = min(max(count - sink, 0), recent)
        var result = Array(0..<sinkRows)
        var bySlot = [Int](repeating: 0, count: ringRows)
        for p in (count - ringRows)..<count { bySlot[(p - sink) % recent] = p }
        result += bySlot
        return result
    }
}
