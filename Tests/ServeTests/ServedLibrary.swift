import Foundation
import Ingest
import Pipeline
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small library summarized once by the built `precis` binary with the
/// test model, and `precis serve` processes started over it.
final class ServedLibrary: Sendable {
    static let binary: URL? = {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("precis")
        let sibling = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("precis")
        return [url, sibling].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
    static let modelPath: String? = try? ModelReference.fallback(defaultName: "smollm2-135m")
        .resolve(models: PrecisPaths.fromEnvironment().models).path
    static var ready: Bool { binary != nil && modelPath != nil }

    static let documents = [
        "fees.md": """
            # Maintenance agreement

            ## Fees

            The Breakwater Trust pays Harbour Lights Ltd 1,200 pounds per quarter, due on the first day of \
            January, April, July and October. Late payments carry interest of two percent per month.

            ## Term

            The agreement runs for five years from March 2024 and renews for one year at a time unless either \
            party gives three months' notice.
            """,
        "call.srt": """
            1
            00:00:01,000 --> 00:00:05,000
            Ana: We start the irrigation rollout on Monday.

            2
            00:00:06,000 --> 00:00:09,000
            Ben: I will order the pipes today.

            """,
    ]

    /// Summarized once for every test of the process.
    static let shared: Result<ServedLibrary, any Error> = Result { try ServedLibrary() }

    let root: URL
    var home: URL { root.appendingPathComponent("home") }
    var input: URL { root.appendingPathComponent("docs") }
    var output: URL { root.appendingPathComponent("out") }

    private init() throws {
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("precis-serve-\(UUID().uuidString)")
        for (name, text) in Self.documents {
            let url = root.appendingPathComponent("docs").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let result = try ChildProcess.run(Self.binary!.path, ["summarize", input.path, "--out", output.path, "-q"],
                                          environment: environment, timeLimit: 900)
        guard result.status == 0 else { throw ServeTestFailure("summarize exited \(result.status): \(result.stderrText)") }
    }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PRECIS_HOME"] = home.path
        env["PRECIS_MODEL"] = Self.modelPath
        env.removeValue(forKey: "PRECIS_SERVE_TOKEN")
        return env
    }

    /// Starts `precis serve --port 0 ARGS` and waits for the address it prints.
    func serve(_ arguments: [String] = []) throws -> RunningServer {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let chunk = errors.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            seen += chunk
            let text = String(decoding: seen, as: UTF8.self)
            if let range = text.range(of: #"http://[^ /]+:\d+"#, options: .regularExpression) {
                let server = RunningServer(process: process, base: String(text[range]), errors: errors)
                server.drainErrors()
                return server
            }
        }
        process.terminate()
        throw ServeTestFailure("serve printed no address: \(String(decoding: seen, as: UTF8.self))")
    }
}

struct ServeTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A running `precis serve`, stopped with SIGTERM when done.
final class RunningServer: @unchecked Sendable {
    let process: Process
    let base: String
    private let errors: Pipe
    private let lock = NSLock()
    private var stderr = Data()

    init(process: Process, base: String, errors: Pipe) {
        self.process = process
        self.base = base
        self.errors = errors
    }

    /// Keeps reading stderr so the server never blocks on a full pipe.
    func drainErrors() {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                lock.withLock { stderr += chunk }
            }
        }
    }

    var errorText: String { lock.withLock { String(decoding: stderr, as: UTF8.self) } }

    /// SIGTERM, then the exit status (SIGKILL after 20 s).
    @discardableResult
    func stop() -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        return process.terminationStatus
    }

    /// A request: status and body.
    func request(_ method: String, _ path: String, json: String? = nil,
                 headers: [String: String] = [:]) async throws -> (status: Int, body: Data) {
        let (status, body, _) = try await exchange(method, path, json: json, headers: headers)
        return (status, body)
    }

    /// A request: status, body and the response's headers.
    func exchange(_ method: String, _ path: String, json: String? = nil,
                  headers: [String: String] = [:]) async throws -> (status: Int, body: Data, headers: [String: String]) {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 180
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let fields = (http?.allHeaderFields ?? [:]).reduce(into: [String: String]()) {
            $0[String(describing: $1.key).lowercased()] = String(describing: $1.value)
        }
        return (http?.statusCode ?? 0, data, fields)
    }

    /// A request whose body is a JSON object.
    func object(_ method: String, _ path: String, json: String? = nil,
                headers: [String: String] = [:]) async throws -> (status: Int, object: [String: Any]) {
        let (status, body) = try await request(method, path, json: json, headers: headers)
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard let object else { throw ServeTestFailure("not a JSON object: \(String(decoding: body, as: UTF8.self))") }
        return (status, object)
    }
}
