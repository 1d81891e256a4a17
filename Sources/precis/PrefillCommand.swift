import ArgumentParser
import Foundation
import Ingest
import Pipeline
import Inference
import Snapshot

/// `precis prefill FILE`: read a document once and keep its snapshot.
struct PrefillCommand: LoggingCommand {
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
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (1...19).contains(level) else { throw ValidationError("--level must be 1…19, got \(level)") }
    }

    func run() throws {
        let reading = try options.reading()
        let document = try Ingester().ingest(URL(fileURLWithPath: file))
        Console.warnings(of: document, name: file)
        let store = try DocumentOptions.store()
        var reader = options.reader(reading, store: store)
        reader.level = level
        let passages = try Passage.of(document, name: file, reading: reading)
        let progress = ProgressLine()
        var report = PrefillReport(file: file, segments: passages.count)
        for passage in passages {
            if force { try store.remove(id: reader.key(for: passage.text).id) }
            let label = passages.count > 1 ? "\(file) part \(passage.position + 1)/\(passages.count)" : file
            let prefilled = try reader.read(passage.text, source: passage.source, progress: progress.prefill(label: label))
            progress.finish()
            report.add(prefilled, store: store)
        }
        if json { try Console.printJSON(report) } else { print(report.text) }
    }
}

/// What `precis prefill` prints: totals over the document's segments.
struct PrefillReport: Encodable {
    var file: String
    var segments: Int
    var tokens = 0
    var seconds = 0.0
    var fromSnapshot = true
    var snapshotBytes = 0
    var fullCacheBytes = 0
    var ratio = 0.0
    var codec = ""
    var snapshots: [String] = []

    init(file: String, segments: Int) {
        self.file = file
        self.segments = segments
    }

    mutating func add(_ document: PrefilledDocument, store: SnapshotStore) {
        tokens += document.tokens.count
        seconds += document.seconds
        fromSnapshot = fromSnapshot && document.fromSnapshot
        snapshotBytes += document.snapshot?.bytes ?? 0
        fullCacheBytes += document.cache.fullBytes(forTokens: document.tokens.count)
        ratio = fullCacheBytes > 0 ? Double(snapshotBytes) / Double(fullCacheBytes) : 0
        codec = document.snapshot?.codec ?? codec
        if let record = document.snapshot { snapshots.append(store.path(of: record)) }
    }

    var text: String {
        let how = fromSnapshot ? String(format: "snapshots already saved (loaded and checked in %.2f s)", seconds)
            : String(format: "read in %.1f s (%.0f tok/s)", seconds, Double(tokens) / max(seconds, 1e-9))
        return "\(file): \(tokens) tokens in \(segments) segment\(segments == 1 ? "" : "s"), \(how); snapshot "
            + "\(ByteCount.format(snapshotBytes)) \(codec), "
            + String(format: "%.3f× of a full f16 cache (%@)", ratio, ByteCount.format(fullCacheBytes))
            + snapshots.map { "\n  \($0)" }.joined()
    }


    enum CodingKeys: String, CodingKey {
        case file, segments, tokens, seconds, fromSnapshot = "from_snapshot", snapshotBytes = "snapshot_bytes",
             fullCacheBytes = "full_cache_bytes", ratio, codec, snapshots
    }
}
