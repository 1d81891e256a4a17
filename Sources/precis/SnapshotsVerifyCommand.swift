import ArgumentParser
import Foundation
import Snapshot

/// `precis snapshots verify [ID...]`.
struct SnapshotsVerifyCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check stored snapshots end to end (every section's checksum and contents).",
        discussion: "Exits non-zero if any snapshot is damaged. --remove deletes the damaged ones."
    )

    @Argument(help: "Snapshot ids (or unique starts of them); all when none.") var ids: [String] = []
    @Flag(help: "Remove snapshots that fail.") var remove = false
    @OptionGroup var log: LogOptions

    func run() throws {
        let store = try DocumentOptions.store()
        var failed = 0
        for record in try snapshotRecords(store, matching: ids) {
            switch store.verify(record) {
            case .success(let summary):
                print("ok      \(record.id.prefix(12))  \(record.source)  (\(summary.sections.count) sections, "
                    + "\(ByteCount.format(summary.fileBytes)))")
            case .failure(let error):
                failed += 1
                print("FAILED  \(record.id.prefix(12))  \(record.source): \(error)")
                if remove { try store.remove(id: record.id) }
            }
        }
        if failed > 0 {
            Console.progress("\(failed) damaged snapshot(s)" + (remove ? " removed" : "; --remove deletes them"))
            throw ExitCode(1)
        }
    }
}
