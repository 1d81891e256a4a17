import Foundation
import Ingest
import Testing

/// `precis serve` over a library the binary summarized with the test model:
/// the API, its errors and limits, the token rule, a client leaving
/// mid-answer, OpenAI's Python client and the page in headless Chromium.
@Suite("Serve: end to end", .serialized,
       .enabled(if: ServedLibrary.ready, "needs the built precis binary and the test model (make test)"))
struct ServeEndToEndTests {
    func library() throws -> ServedLibrary { try ServedLibrary.shared.get() }

    /// The id of the document whose title or name contains `text`.
    func documentID(_ server: RunningServer, _ text: String) async throws -> String {
        let (_, list) = try await server.object("GET", "/v1/documents")
        let documents = try #require(list["data"] as? [[String: Any]])
        let match = try #require(documents.first { ($0["name"] as? String)?.contains(text) == true })
        return try #require(match["id"] as? String)
    }

    @Test("the library, a summary, a cited passage and an answer from the snapshot, then from memory")
    func libraryAndAnswers() async throws {
        let server = try library().serve()
        defer { server.stop() }
        let (status, list) = try await server.object("GET", "/v1/documents")
        #expect(status == 200)
        let documents = try #require(list["data"] as? [[String: Any]])
        #expect(Set(documents.compactMap { $0["name"] as? String }) == ["fees.md", "call.srt"])
        #expect(documents.allSatisfy { $0["status"] as? String == "ok" && $0["path"] == nil })
        let id = try await documentID(server, "fees")

        let (_, searched) = try await server.object("GET", "/v1/documents?q=CALL")
        #expect((searched["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["call.srt"])

        let (detailStatus, detail) = try await server.object("GET", "/v1/documents/\(id)")
        #expect(detailStatus == 200)
        let summary = try #require(detail["summary"] as? [String: Any])
        let points = ((summary["summary"] as? [String: Any])?["points"] as? [[String: Any]]) ?? []
        let sections = (summary["sections"] as? [[String: Any]]) ?? []
        let allPoints = points + sections.flatMap { (($0["summary"] as? [String: Any])?["points"] as? [[String: Any]]) ?? [] }
        let citations = allPoints.compactMap { ($0["citations"] as? [[String: Any]])?.first }
        let citation = try #require(citations.first)
        let block = citation["block"] as? Int ?? -1

        let (sourceStatus, source) = try await server.object("GET", "/v1/documents/\(id)/source?block=\(block)")
        #expect(sourceStatus == 200)
        let passage = try #require(source["passage"] as? [String: Any])
        let text = try #require(passage["text"] as? String)
        #expect(!text.isEmpty && ServedLibrary.documents["fees.md"]!.contains(text.prefix(20)))
        #expect(passage["location"] as? String == citation["location"] as? String)
        #expect(try await server.object("GET", "/v1/documents/\(id)/source?block=9999").status == 404)
        #expect(try await server.object("GET", "/v1/documents/\(id)/source").status == 400)

        let ask = #"{"question": "How much does the Trust pay per quarter?", "stream": false, "max_tokens": 40, "temperature": 0}"#
        let (askStatus, first) = try await server.object("POST", "/v1/documents/\(id)/ask", json: ask)
        #expect(askStatus == 200)
        let firstSource = try #require((first["sources"] as? [[String: Any]])?.first?["source"] as? [String: Any])
        #expect(firstSource["from_snapshot"] as? Bool == true)  // the summarize run kept it
        #expect(!((first["answer"] as? String) ?? "").isEmpty)
        let (_, second) = try await server.object("POST", "/v1/documents/\(id)/ask", json: ask)
        #expect(second["answer"] as? String == first["answer"] as? String)
        let (_, status2) = try await server.object("GET", "/v1/status")
        #expect(status2["loaded_documents"] as? Int == 1 && status2["queued"] as? Int == 0)
        #expect((status2["loaded_bytes"] as? Int ?? 0) > 0)
    }

    @Test("a streamed question sends its source, then tokens, then how it ended")
    func streamedAsk() async throws {
        let server = try library().serve()
        defer { server.stop() }
        let id = try await documentID(server, "call")
        let (status, body) = try await server.request("POST", "/v1/documents/\(id)/ask",
                                                      json: #"{"question": "Who orders the pipes?", "max_tokens": 24}"#)
        #expect(status == 200)
        let events = String(decoding: body, as: UTF8.self).components(separatedBy: "\n\n")
            .compactMap { $0.split(separator: "\n").first.map(String.init) }
        #expect(events.first == "event: source")
        #expect(events.filter { $0 == "event: token" }.count >= 1)
        #expect(Array(events.suffix(2)) == ["event: end", "event: done"])
    }

    @Test("errors come in OpenAI's shape with the right status; limits are enforced")
    func errors() async throws {
        let server = try library().serve(["--max-body", "2KB", "--max-tokens", "64"])
        defer { server.stop() }
        let cases: [(String, String, String?, Int)] = [
            ("GET", "/v1/documents/0000000000000000", nil, 404),
            ("GET", "/v1/nothing-here", nil, 404),
            ("POST", "/v1/chat/completions", "{not json", 400),
            ("POST", "/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "max_tokens": 65}"#, 400),
            ("POST", "/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "temperature": 9}"#, 400),
            ("POST", "/v1/chat/completions", #"{"messages": [{"role": "user", "content": "\#(String(repeating: "x", count: 4000))"}]}"#, 413),
            ("POST", "/v1/documents/0000000000000000/ask", #"{"question": "Who?"}"#, 404),
        ]
        for (method, path, json, expected) in cases {
            let (status, object) = try await server.object(method, path, json: json)
            #expect(status == expected, "\(method) \(path)")
            let error = object["error"] as? [String: Any]
            #expect(error?["message"] is String && error?["type"] is String, "\(method) \(path): \(object)")
            #expect(object.keys.sorted() == ["error"])
        }
        // Another site in the user's browser: a rebound host name, a form-encoded or plain-text post.
        #expect(try await server.object("GET", "/v1/documents", headers: ["Host": "evil.example:80"]).status == 403)
        let plain = try await server.request("POST", "/v1/chat/completions", json: #"{"messages": [{"role": "user", "content": "hi"}]}"#,
                                             headers: ["Content-Type": "text/plain"])
        #expect(plain.status == 400)
        let (_, bad) = try await server.object("POST", "/v1/chat/completions",
                                               json: #"{"messages": [{"role": "user", "content": "hi"}], "max_tokens": 65}"#)
        #expect((bad["error"] as? [String: Any])?["param"] as? String == "max_tokens")
        // A route that watches for the client hanging up ends its connection, and says so.
        for json in ["{not json", #"{"messages": [{"role": "user", "content": "hi"}], "max_tokens": 1}"#] {
            let (status, _, headers) = try await server.exchange("POST", "/v1/chat/completions", json: json)
            #expect(headers["connection"]?.lowercased() == "close", "\(status) \(json): \(headers)")
        }
        let (_, _, kept) = try await server.exchange("GET", "/v1/documents")
        #expect(kept["connection"] == nil)
    }

    @Test("off loopback a token is required; with one, the API wants it and the page does not")
    func token() async throws {
        let library = try library()
        let refused = try ChildProcess.run(ServedLibrary.binary!.path, ["serve", "--host", "0.0.0.0", "--port", "0"],
                                           environment: library.environment, timeLimit: 60)
        #expect(refused.status == 64 && refused.stderrText.contains("--token"))
        let token = "test-token-0123456789abcdef"
        let server = try library.serve(["--token", token])
        defer { server.stop() }
        let (denied, body) = try await server.object("GET", "/v1/documents")
        #expect(denied == 401 && (body["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")
        #expect(try await server.object("GET", "/v1/documents", headers: ["Authorization": "Bearer wrong-token-0123456789"]).status == 401)
        #expect(try await server.object("GET", "/v1/documents", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        for path in ["//v1/documents", "/v1//documents", "/./v1/documents", "/V1/documents", "/v1/status"] {
            #expect(try await server.request("GET", path).status == 401, "\(path)")
        }
        let (page, html) = try await server.request("GET", "/")
        #expect(page == 200 && String(decoding: html, as: UTF8.self).contains("<title>Precis"))
    }

    @Test("a client that disconnects mid-answer, streamed or not, stops its generation; SIGTERM then ends the server cleanly")
    func disconnectStopsGeneration() async throws {
        let server = try library().serve()
        let url = try #require(URL(string: server.base))
        let socket = try RawConnection(host: url.host!, port: url.port!)
        let body = #"{"messages": [{"role": "user", "content": "Count from 1 to 2000, separated by commas."}], "stream": true, "max_tokens": 1500, "temperature": 0}"#
        try socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let start = try socket.receive(until: "\"content\":\"")
        #expect(start.contains("200 OK"))
        socket.close()
        var status: [String: Any] = [:]
        for _ in 0..<600 {
            status = try await server.object("GET", "/v1/status").object
            if status["stopped_by_client"] as? Int == 1 && status["queued"] as? Int == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status["stopped_by_client"] as? Int == 1, "\(status)")
        #expect(status["queued"] as? Int == 0)

        // A client waiting for a whole (not streamed) answer that hangs up.
        let waiting = try RawConnection(host: url.host!, port: url.port!)
        let whole = body.replacingOccurrences(of: #""stream": true"#, with: #""stream": false"#)
        try waiting.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         + "Content-Length: \(whole.utf8.count)\r\n\r\n\(whole)")
        try await Task.sleep(for: .milliseconds(300))
        waiting.close()
        for _ in 0..<600 {
            status = try await server.object("GET", "/v1/status").object
            if status["stopped_by_client"] as? Int == 2 && status["queued"] as? Int == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status["stopped_by_client"] as? Int == 2, "\(status)")
        #expect(server.stop() == 0, "\(server.errorText)")
    }

    @Test("OpenAI's Python client works unchanged: chat, streaming, stop, seed, a document, errors")
    func openAIClient() async throws {
        let server = try library().serve()
        defer { server.stop() }
        let id = try await documentID(server, "fees")
        let result = try PythonClient.run("openai_client.py", [server.base, id])
        #expect(result.status == 0, "\(result.stderrText)")
        let seen = try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any]
        #expect(seen?["document_source"] is String)
    }

    @Test("the page in headless Chromium: library, document, citation, streamed answer; screenshots kept")
    func browser() async throws {
        let server = try library().serve()
        defer { server.stop() }
        let shots = PythonClient.artifacts.appendingPathComponent("serve-screenshots")
        try? FileManager.default.removeItem(at: shots)
        let (_, detail) = try await server.object("GET", "/v1/documents/\(try await documentID(server, "fees"))")
        let title = try #require((detail["document"] as? [String: Any])?["title"] as? String)
        let result = try PythonClient.run("browser.py", [server.base, title, shots.path])
        #expect(result.status == 0, "\(result.stderrText)")
        let seen = try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any]
        #expect((seen?["passage"] as? String)?.isEmpty == false)
        #expect((seen?["answer"] as? String)?.isEmpty == false)
        let files = try FileManager.default.contentsOfDirectory(atPath: shots.path).sorted()
        #expect(files == ["1-library.png", "2-document.png", "3-citation.png", "4-answer.png"])
    }
}

/// The Python clients in Clients/, run with the python3 on PATH.
enum PythonClient {
    /// Where test runs keep what they make for people to look at: `.build/test-artifacts`.
    static let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/test-artifacts")

    static func run(_ script: String, _ arguments: [String]) throws -> ChildProcess.Output {
        let path = try #require(Bundle.module.url(forResource: "Clients", withExtension: nil)).appendingPathComponent(script).path
        return try ChildProcess.run("python3", [path] + arguments, environment: ProcessInfo.processInfo.environment,
                                    timeLimit: 900)
    }
}
