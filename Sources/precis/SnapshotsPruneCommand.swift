import ArgumentParser
import Foundation
import Snapshot

/// `precis snapshots prune`.
struct SnapshotsPruneCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove old or least recently used snapshots.",
        discussion: """
        --older-than removes snapshots not used for that long (90s, 45m, 12h, 30d, 2w, 1d12h); \
        --max-bytes then removes the least recently used until the rest fit (500MB, 2GB, 1.5GiB). \
        Temporary files of interrupted writes older than an hour are always removed. \
        Removed snapshots are simply prefilled again when next needed.
        """
    )

    @Option(help: ArgumentHelp("Keep at most this many bytes of snapshots.", valueName: "size")) var maxBytes: ByteCount?
    @Option(help: ArgumentHelp("Remove snapshots unused for this long.", valueName: "span")) var olderThan: TimeSpan?
    @OptionGroup var log: LogOptions

    func run() throws {
        let removed = try DocumentOptions.store().prune(maxBytes: maxBytes?.bytes, olderThan: olderThan?.seconds)
        for r in removed { print("removed \(r.id.prefix(12))  \(r.source)  \(ByteCount.format(r.bytes))") }
        print("\(removed.count) snapshot(s) removed, \(ByteCount.format(removed.reduce(0) { $0 + $1.bytes })) freed")
    }
}
