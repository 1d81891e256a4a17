import ArgumentParser
import Foundation
import Snapshot

/// `precis snapshots show ID`.
struct SnapshotsShowCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what a snapshot holds: source, model, pattern, settings, sizes."
    )

    @Argument(help: "The snapshot id, or enough of its start to be unique.") var id: String
    @OptionGroup var log: LogOptions

    func run() throws {
        let store = try DocumentOptions.store()
        let record = try snapshotRecords(store, matching: [id])[0]
        let path = store.path(of: record)
        let header = try Snapshot.header(path: path)
        let i = header.identity
        let streaming = header.kinds.joined().filter { $0 == .streaming }.count
        print("""
            snapshot   \(record.id)
            file       \(path)
            source     \(record.source)
            document   \(record.documentHash.isEmpty ? "(unknown)" : record.documentHash)
            tokens     \(header.tokenCount)
            codec      \(header.codec) (format version \(header.version))
            size       \(ByteCount.format(record.bytes)) (\(String(format: "%.3f", Double(record.bytes) / Double(max(1, header.fullCacheBytes))))× of a full f16 cache, \(ByteCount.format(header.fullCacheBytes)))
            model      \(i.modelFingerprint)
            tokenizer  \(i.tokenizerFingerprint)
            pattern    \(i.patternFingerprint)
            heads      \(header.layerCount) layers × \(header.kvHeadCount) KV heads, \(streaming) streaming (sparsity \(i.sparsity)), head dim \(header.headDim)
            settings   sink \(i.sink), recent \(i.recent), chunk \(i.chunk), framing version \(record.framingVersion)
            created    \(SnapshotsListCommand.dateText(header.created))
            last used  \(SnapshotsListCommand.dateText(record.lastUsed))
            """)
    }
}
