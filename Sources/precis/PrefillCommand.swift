import ArgumentParser
import Foundation
import Pipeline
import Inference
import Snapshot

/// `precis prefill FILE`: read a document once and keep its snapshot.
struct PrefillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefill",
        abstract: "Read a document into the model with DuoAttention and save its KV snapshot.",
        discussion: """
        Ingests FILE (any format `precis ingest` reads), frames it as the start of a chat \
        turn, prefills it in chunks and saves the cache as a snapshot under \
        $PRECIS_HOME/snapshots, indexed in the state directory's catalog. Later \
        `precis ask FILE ...` questions load the snapshot instead of reading the document \
        again. If a valid snapshot already exists it is checked and kept (--force redoes it).

        Prints tokens, seconds, snapshot bytes and the ratio to a full-attention f16 cache \
        of the same tokens (what llama.cpp's state file would hold).
        """
    )

    @Argument(help: "The document.", completion: .file()) var file: String
    @OptionGroup var options: DocumentOptions
    @Option(help: "zstd level of the snapshot (1–19).") var level: Int32 = 3
    @Flag(help: "Prefill and save even if a valid snapshot exists.") var force = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard (1...19).contains(level) else { throw ValidationError("--level must be 1…19, got \(level)") }
    }

    func run() throws {
        let text = try DocumentOptions.documentText(file)
        let reading = try options.reading()
        let store = try DocumentOptions.store()
        var reader = DocumentReader(reading: reading, store: store, codec: options.codec)
        reader.level = level
        if force { try store.remove(id: reader.key(for: text).id) }
        let progress = ProgressLine()
        let document = try reader.read(text, source: file, progress: progress.prefill(label: file))
        progress.finish()
        if let reason = document.staleReason { Console.progress("note: replaced a stale snapshot: \(reason)") }
        let report = PrefillReport(document: document, cache: document.cache, store: store)
        if json { try Console.printJSON(report) } else { print(report.line) }
    }
}

/// What `precis prefill` prints.
struct PrefillReport: Encodable {
    var file: String
    var tokens: Int
    var seconds: Double
    var fromSnapshot: Bool
    var snapshotBytes: Int
    var fullCacheBytes: Int
    var ratio: Double
    var codec: String
    var snapshot: String

    init(document: PrefilledDocument, cache: HybridKVCache, store: SnapshotStore) {
        file = document.source
        tokens = document.tokens.count
        seconds = document.seconds
        fromSnapshot = document.fromSnapshot
        snapshotBytes = document.snapshot?.bytes ?? 0
        fullCacheBytes = cache.fullBytes(forTokens: tokens)
        ratio = fullCacheBytes > 0 ? Double(snapshotBytes) / Double(fullCacheBytes) : 0
        codec = document.snapshot?.codec ?? ""
        snapshot = document.snapshot.map { store.path(of: $0) } ?? ""
    }

    var line: String {
        let how = fromSnapshot ? String(format: "snapshot already saved (loaded and checked in %.2f s)", seconds)
            : String(format: "prefilled in %.1f s (%.0f tok/s)", seconds, Double(tokens) / max(seconds, 1e-9))
        return "\(file): \(tokens) tokens, \(how); snapshot \(ByteCount.format(snapshotBytes)) \(codec), "
            + String(format: "%.3f× of a full f16 cache (%@)\n  %@", ratio, ByteCount.format(fullCacheBytes), snapshot)
    }

    enum CodingKeys: String, CodingKey {
        case file, tokens, seconds, fromSnapshot = "from_snapshot", snapshotBytes = "snapshot_bytes",
             fullCacheBytes = "full_cache_bytes", ratio, codec, snapshot
    }
}
