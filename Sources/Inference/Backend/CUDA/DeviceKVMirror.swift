import Foundation

/// The hybrid KV cache's rows in GPU memory, for attention there.
///
/// The host `HybridKVCache` stays the record of the session (positions,
/// sinks and rings, sliding windows, truncation, forks, snapshots); the
/// mirror holds a copy of the rows each head attends to and uploads only
/// what changed since the last step: a retrieval head's new rows (all of
/// them after a truncation below them, a slide of its window, a different
/// cache or a grown buffer), a streaming head's sink and ring (small by
/// construction) and the chunk's staged rows.
final class DeviceKVMirror: @unchecked Sendable {
    private final class HeadRows {
        var keys: DeviceBuffer?
        var values: DeviceBuffer?
        var capacity = 0
        var synced = 0
        var origin = 0
    }

    let driver: CUDADriver
    let headDim: Int
    private var heads: [HeadRows]
    private var staging: [HeadRows]
    private var cache: Int?
    private let kvHeads: Int

    init(config: ModelConfig, driver: CUDADriver) {
        self.driver = driver
        headDim = config.headDim
        kvHeads = config.kvHeadCount
        heads = (0..<(config.layerCount * config.kvHeadCount)).map { _ in HeadRows() }
        staging = (0..<config.kvHeadCount).map { _ in HeadRows() }
    }

    /// The device segments of `head` of `layer` for `spans`, which
    /// `cache.update` just returned for this layer's chunk.
    func segments(layer: Int, head: Int, spans: KeySpans, cache: HybridKVCache) throws -> (DeviceSegment, DeviceSegment?) {
        if self.cache != cache.serial {
            heads.forEach { $0.synced = 0 }
            self.cache = cache.serial
        }
        let rows = heads[layer * kvHeads + head], first = spans.first
        if cache.kind(layer: layer, head: head) == .streaming {
            try upload(first.keys, first.values, rows: first.count, into: rows, from: 0)
            let chunk = try spans.second.map { second -> DeviceSegment in
                try upload(second.keys, second.values, rows: second.count, into: staging[head], from: 0)
                return DeviceSegment(keys: staging[head].keys!, values: staging[head].values!, count: second.count,
                                     visibleBase: second.visibleBase, window: second.window)
            }
            return (DeviceSegment(keys: rows.keys!, values: rows.values!, count: first.count, visibleBase: first.visibleBase,
                                  window: first.window), chunk)
        }
        let base = UnsafePointer(cache.keys(layer: layer, head: head)), valueBase = UnsafePointer(cache.values(layer: layer, head: head))
        let firstRow = (first.keys - base) / headDim, end = firstRow + first.count
        if cache.origins[layer] != rows.origin { rows.synced = 0; rows.origin = cache.origins[layer] }
        rows.synced = min(rows.synced, max(0, cache.count - rows.origin))
        try upload(base, valueBase, rows: end, into: rows, from: rows.synced)
        return (DeviceSegment(keys: rows.keys!, values: rows.values!, firstRow: firstRow, count: first.count,
                              visibleBase: first.visibleBase, window: first.window), nil)
    }

    /// Uploads host rows `from..<rows` into `target`, growing it (and then
    /// uploading every row) when it is too small.
    private func upload(_ keys: UnsafePointer<Float16>, _ values: UnsafePointer<Float16>, rows: Int, into target: HeadRows,
                        from: Int) throws {
        var from = from
        if rows > target.capacity || target.keys == nil {
            let capacity = max(rows, 2 * target.capacity, 64), bytes = capacity * headDim * 2
            target.keys = try DeviceBuffer(bytes: bytes, driver: driver)
            target.values = try DeviceBuffer(bytes: bytes, driver: driver)
            target.capacity = capacity
            from = 0
        }
        if rows > from {
            let offset = from * headDim * 2, bytes = (rows - from) * headDim * 2
            try target.keys!.upload(UnsafeRawPointer(keys) + offset, bytes: bytes, offset: offset)
            try target.values!.upload(UnsafeRawPointer(values) + offset, bytes: bytes, offset: offset)
        }
        target.synced = rows
    }
}
