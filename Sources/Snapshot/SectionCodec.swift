import Inference

/// A layer section that decodes but contradicts its header.
struct SectionDecodeFailure: Error { let detail: String }

/// Turns one layer of a cache into its raw section bytes and back
/// (layout in `SectionLayout`); compression happens around it.
enum SectionCodec {
    /// The raw section of `layer`. The cache must match `layout` (checked by the writer).
    static func encode(cache: HybridKVCache, layer: Int, layout: SectionLayout) -> [UInt8] {
        let totalWords = layout.totalWords, d = layout.headDim, count = layout.count
        let offsets = layout.offsets(), levels = layout.codec.levels
        var words = [Float16](repeating: 0, count: totalWords)
        var raw = [UInt8](repeating: 0, count: layout.rawSize)
        words.withUnsafeMutableBufferPointer { wb in
            raw.withUnsafeMutableBufferPointer { rb in
                guard let wbase = wb.baseAddress, let rbase = rb.baseAddress else { return }
                for h in layout.kinds.indices {
                    let w = wbase + offsets[h].words, codes = rbase + 2 * totalWords + offsets[h].codes
                    cache.withRows(layer: layer, head: h) { keys, values in
                        guard let k = keys.baseAddress, let v = values.baseAddress else { return }
                        if layout.kinds[h] == .streaming {
                            let n = layout.streamingRows
                            for (i, p) in cache.positions(layer: layer, head: h).enumerated() {
                                w[2 * i] = Float16(bitPattern: UInt16(truncatingIfNeeded: p))
                                w[2 * i + 1] = Float16(bitPattern: UInt16(truncatingIfNeeded: p >> 16))
                            }
                            (w + 2 * n).update(from: k, count: n * d)
                            (w + 2 * n + n * d).update(from: v, count: n * d)
                        } else if layout.codec == .f16 {
                            w.update(from: k, count: count * d)
                            (w + count * d).update(from: v, count: count * d)
                        } else {
                            let kp = layout.keyGroups * d, vp = count * layout.valueGroupsPerRow
                            let plane = count * d
                            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, 2 * plane))
                            defer { scratch.deallocate() }
                            GroupQuantizer.quantizeKeys(k, count: count, d: d, groupTokens: layout.groups.keyTokens, levels: levels,
                                                        scales: w, zeros: w + kp, codes: scratch)
                            GroupQuantizer.quantizeValues(v, count: count, d: d, groupChannels: layout.groups.valueChannels,
                                                          levels: levels, scales: w + 2 * kp, zeros: w + 2 * kp + vp,
                                                          codes: scratch + plane)
                            if layout.codec == .int8 {
                                codes.update(from: scratch, count: 2 * plane)
                            } else {
                                GroupQuantizer.pack4(scratch, count: 2 * plane, into: codes)
                            }
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

    /// Decodes raw section bytes into each head's key and value rows
    /// (`destinations[h]`, sized as `layout.rows(h) × headDim`), checking
    /// that streaming heads' stored positions equal `positions`.
    static func decode(raw: UnsafeRawBufferPointer, layout: SectionLayout,
                       destinations: [(keys: UnsafeMutablePointer<Float16>, values: UnsafeMutablePointer<Float16>)],
                       positions: [Int]) throws {
        guard raw.count == layout.rawSize, let base = raw.baseAddress else {
            throw SectionDecodeFailure(detail: "holds \(raw.count) bytes, the header implies \(layout.rawSize)")
        }
        let totalWords = layout.totalWords, d = layout.headDim, count = layout.count
        let low = base.assumingMemoryBound(to: UInt8.self), high = low + totalWords, codeBase = low + 2 * totalWords
        let offsets = layout.offsets()
        func words(at offset: Int, _ n: Int, into out: UnsafeMutablePointer<Float16>) {
            out.withMemoryRebound(to: UInt16.self, capacity: n) {
                ByteShuffle.unshuffle(low: low + offset, high: high + offset, count: n, into: $0)
            }
        }
        for h in layout.kinds.indices {
            let o = offsets[h].words, (k, v) = destinations[h]
            if layout.kinds[h] == .streaming {
                let n = layout.streamingRows
                var stored = [Float16](repeating: 0, count: max(1, 2 * n))
                stored.withUnsafeMutableBufferPointer { words(at: o, 2 * n, into: $0.baseAddress!) }
                for i in 0..<n {
                    let p = Int(stored[2 * i].bitPattern) | Int(stored[2 * i + 1].bitPattern) << 16
                    guard i < positions.count, p == positions[i] else {
                        throw SectionDecodeFailure(detail: "stores position \(p) in row \(i) of head \(h), expected \(i < positions.count ? positions[i] : -1)")
                    }
                }
                words(at: o + 2 * n, n * d, into: k)
                words(at: o + 2 * n + n * d, n * d, into: v)
            } else if layout.codec == .f16 {
                words(at: o, count * d, into: k)
                words(at: o + count * d, count * d, into: v)
            } else {
                let kp = layout.keyGroups * d, vp = count * layout.valueGroupsPerRow, plane = count * d
                var params = [Float16](repeating: 0, count: max(1, 2 * kp + 2 * vp))
                var scratch = [UInt8]()
                params.withUnsafeMutableBufferPointer { pb in
                    let p = pb.baseAddress!
                    words(at: o, 2 * kp + 2 * vp, into: p)
                    var codes = UnsafePointer(codeBase + offsets[h].codes)
                    if layout.codec == .int4 {
                        scratch = [UInt8](repeating: 0, count: max(1, 2 * plane))
                        scratch.withUnsafeMutableBufferPointer { GroupQuantizer.unpack4(codes, count: 2 * plane, into: $0.baseAddress!) }
                    }
                    scratch.withUnsafeBufferPointer { sb in
                        if layout.codec == .int4, let s = sb.baseAddress { codes = s }
                        GroupQuantizer.dequantizeKeys(codes: codes, scales: p, zeros: p + kp, count: count, d: d,
                                                      groupTokens: layout.groups.keyTokens, into: k)
                        GroupQuantizer.dequantizeValues(codes: codes + plane, scales: p + 2 * kp, zeros: p + 2 * kp + vp,
                                                        count: count, d: d, groupChannels: layout.groups.valueChannels, into: v)
                    }
                }
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
