import ArgumentParser
import Foundation
import Snapshot

/// `precis snapshots list`.
struct SnapshotsListCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List stored snapshots, most recently used first."
    )

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let records = try DocumentOptions.store().list()
        if json { return try Console.printJSON(records) }
        guard !records.isEmpty else { return print("no snapshots stored") }
        print("| id | source | tokens | codec | sparsity | size | last used |\n| --- | --- | --- | --- | --- | --- | --- |")
        for r in records {
            print("| \(r.id.prefix(12)) | \(r.source) | \(r.tokens) | \(r.codec) | \(String(format: "%.2f", r.sparsity)) | "
                + "\(ByteCount.format(r.bytes)) | \(SnapshotsListCommand.dateText(r.lastUsed)) |")
        }
        print("\n\(records.count) snapshots, \(ByteCount.format(records.reduce(0) { $0 + $1.bytes }))")
    }

    /// A date as `2026-11-23 14:05` in local time.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// The stored snapshots whose id starts with one of `prefixes` (all when
/// empty); an unknown or ambiguous prefix is an error naming it.
func snapshotRecords(_ store: SnapshotStore, matching prefixes: [String]) throws -> [SnapshotRecord] {
    guard !prefixes.isEmpty else { return try store.list() }
    return try prefixes.map { prefix in
        let found = try store.records(matching: prefix)
        guard found.count == 1 else {
            throw ValidationError(found.isEmpty ? "no snapshot id starts with \(prefix) (see `precis snapshots list`)"
                                                : "\(prefix) matches \(found.count) snapshots; give more of the id")
        }
        return found[0]
    }
}
