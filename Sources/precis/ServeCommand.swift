import ArgumentParser
import Dispatch
import Foundation
import Hummingbird
import Pipeline
import Serve

/// `precis serve`: the summarized library over HTTP — an OpenAI-compatible
/// API, the library's own endpoints and a web page.
struct ServeCommand: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the summarized library: an OpenAI-compatible API and a web page.",
        discussion: """
        Opens http://HOST:PORT/ with the library page (documents, summaries with their \
        citations, the cited passages, questions answered from snapshots) and the API:

          GET  /v1/models                     the model, and doc:ID for every document
          POST /v1/chat/completions           OpenAI's chat API (stream or not; temperature, top_p,
                                              max_tokens, stop, seed); model "doc:ID" or a
                                              "document" field answers from that document
          GET  /v1/documents[?q=TITLE]        the library, from the catalog
          GET  /v1/documents/ID               a document and its summary (points and citations)
          GET  /v1/documents/ID/source?block=N  the passage a citation points to
          POST /v1/documents/ID/ask           {"question": "...", "top": 1, "stream": true}

        One model serves every request; requests wait their turn in one queue. Documents' \
        caches stay in memory up to --memory bytes (least recently used go first); others \
        load from their snapshots, or are prefilled and saved. A client that disconnects \
        stops its answer. Only loopback is served without --token (or \
        $PRECIS_SERVE_TOKEN); with one, the API requires `Authorization: Bearer TOKEN`. \
        SIGINT or SIGTERM stops the server after the requests in flight.

        --pipeline NAME serves that pipeline's documents (repeat for several) with the \
        first one's model, pattern and codec; by default every document in the catalog, \
        with the default model.
        """
    )

    @Option(help: "Address to bind (only loopback without a token).") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one; the address is printed).") var port = 8080
    @Option(help: ArgumentHelp("Bearer token the API requires (default: $PRECIS_SERVE_TOKEN).", valueName: "token"))
    var token: String?
    @Option(help: ArgumentHelp("Serve this pipeline's documents and use its model (repeatable).", valueName: "name"))
    var pipeline: [String] = []
    @Option(help: ArgumentHelp("Memory kept for documents' caches, e.g. 2GB.", valueName: "size")) var memory = ByteCount(2 << 30)
    @Option(help: "Largest max_tokens a request may ask for.") var maxTokens = 2048
    @Option(help: ArgumentHelp("Largest request body, e.g. 1MB.", valueName: "size")) var maxBody = ByteCount(1 << 20)
    @Option(help: "Requests that may wait at once; more get 429.") var queue = 64
    @OptionGroup var options: DocumentOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard maxTokens >= 1, queue >= 1 else { throw ValidationError("--max-tokens and --queue must be at least 1") }
        let token = token ?? ProcessInfo.processInfo.environment["PRECIS_SERVE_TOKEN"]
        guard token != nil || ServerSettings.isLoopback(host) else {
            throw ValidationError("binding to \(host) needs --token (or $PRECIS_SERVE_TOKEN): only loopback is served without one")
        }
        if let token, token.count < 16 { throw ValidationError("--token must have at least 16 characters") }
    }

    func run() throws {
        var settings = ServerSettings()
        settings.host = host
        settings.port = port
        settings.token = token ?? ProcessInfo.processInfo.environment["PRECIS_SERVE_TOKEN"]
        settings.maxTokens = maxTokens
        settings.maxBodyBytes = maxBody.bytes
        let (reader, name) = try self.reader()
        let assistant = Assistant(reader: reader, modelName: name, queue: InferenceQueue(capacity: queue),
                                  loaded: LoadedDocuments(budget: memory.bytes))
        let library = Library(catalog: try CatalogOpener.open(), pipelines: pipeline)
        let server = try PrecisServer(settings: settings, assistant: assistant, library: library)
        let count = try library.documents().count, needsToken = settings.token != nil
        let app = try server.application(logger: Console.log, log: { Console.warning($0) }) { bound in
            Console.progress("serving \(count) document\(count == 1 ? "" : "s") with \(name) on http://\(host):\(bound)/"
                + (needsToken ? " (the API needs the bearer token)" : ""))
        }
        let done = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        Task {
            do { try await app.runService() } catch { failure.set(error) }
            done.signal()
        }
        done.wait()
        if let error = failure.value { throw error }
    }

    /// The reader of documents, and the name the model is listed under.
    private func reader() throws -> (DocumentReader, String) {
        let store = try DocumentOptions.store()
        guard let first = pipeline.first else {
            let reading = try options.reading()
            return (options.reader(reading, store: store), Self.name(reading))
        }
        let config = try PipelineConfig.load(nameOrPath: first)
        let paths = PrecisPaths.fromEnvironment()
        let reading = try ReadingModel.load(config.engine, defaultModel: ModelOptions.defaultModel, models: paths.models,
                                            digests: paths.modelDigests, note: { Console.progress("note: \($0)") },
                                            warn: { Console.warning($0) })
        return (DocumentReader(reading: reading, store: store, codec: config.engine.codec,
                               snapshotSparsity: config.engine.snapshotSparsity), Self.name(reading))
    }

    static func name(_ reading: ReadingModel) -> String {
        URL(fileURLWithPath: reading.gguf.path).deletingPathExtension().lastPathComponent
    }
}

/// A value shared between the server task and the waiting main thread.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
