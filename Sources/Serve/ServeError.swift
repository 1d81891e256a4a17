import Foundation
import GGUF
import HTTPTypes
import Hummingbird
import Pipeline

/// A request the server refuses, with the HTTP status and OpenAI error type it maps to.
public enum ServeError: Error, CustomStringConvertible, Sendable {
    case invalid(String, param: String? = nil)
    case unauthorized
    case forbidden(String)
    case notFound(String)
    case tooLarge(String)
    case busy(waiting: Int)
    case conflict(String)

    public var description: String {
        switch self {
        case .invalid(let message, _), .notFound(let message), .tooLarge(let message), .conflict(let message),
             .forbidden(let message): return message
        case .unauthorized: return "a bearer token is required: send `Authorization: Bearer TOKEN`"
        case .busy(let waiting): return "the server is busy (\(waiting) requests waiting); try again shortly"
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .invalid: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .tooLarge: return .contentTooLarge
        case .busy: return .tooManyRequests
        case .conflict: return .conflict
        }
    }

    var type: String {
        switch self {
        case .invalid, .tooLarge, .notFound, .conflict, .forbidden: return "invalid_request_error"
        case .unauthorized: return "authentication_error"
        case .busy: return "rate_limit_error"
        }
    }

    var code: String? {
        switch self {
        case .unauthorized: return "invalid_api_key"
        case .notFound: return "not_found"
        case .busy: return "busy"
        default: return nil
        }
    }

    var param: String? { if case .invalid(_, let param) = self { return param } else { return nil } }
}

/// OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`.
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        var message: String
        var type: String
        var param: String?
        var code: String?

        func encode(to encoder: any Encoder) throws {  // OpenAI sends param and code as null when absent
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(type, forKey: .type)
            try c.encode(param, forKey: .param)
            try c.encode(code, forKey: .code)
        }

        enum CodingKeys: String, CodingKey { case message, type, param, code }
    }
    var error: Detail
}

/// Turns every error a handler throws into OpenAI's error shape with the
/// right status, so clients see one kind of error whatever went wrong.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let closing as ClosingConnection {
            var response = try respond(to: closing.error, request)
            response.headers[.connection] = "close"
            return response
        } catch {
            return try respond(to: error, request)
        }
    }

    private func respond(to error: any Error, _ request: Request) throws -> Response {
        let (status, detail) = Self.describe(error)
        if status.code >= 500 { log("\(request.method) \(request.uri.path): \(error)") }
        var response = try JSONResponse.make(APIErrorBody(error: detail), status: status)
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, APIErrorBody.Detail) {
        switch error {
        case let error as ServeError:
            return (error.status, .init(message: error.description, type: error.type, param: error.param, code: error.code))
        case ReadingError.questionTooLong(let tokens, let room):
            return (.badRequest, .init(message: "the request is \(tokens) tokens; only \(room) are left in the context after the document",
                                       type: "invalid_request_error", param: "messages", code: "context_length_exceeded"))
        case ReadingError.documentTooLong, ReadingError.emptyDocument:
            return (.conflict, .init(message: "this passage cannot be read by the served model (\(Redaction.fileNames(in: "\(error)"))); "
                                       + "summarize the document again with this model", type: "invalid_request_error", param: nil, code: nil))
        case let error as LibraryError:
            return (.conflict, .init(message: error.description, type: "invalid_request_error", param: nil, code: nil))
        case let error as DecodingError:
            return (.badRequest, .init(message: "the request body is not valid: \(Self.reason(error))",
                                       type: "invalid_request_error", param: nil, code: nil))
        case let error as HTTPError:
            let message = error.body ?? (error.status == .notFound ? "no such endpoint" : error.status.reasonPhrase)
            return (error.status, .init(message: message, type: error.status.code >= 500 ? "server_error" : "invalid_request_error",
                                        param: nil, code: error.status == .notFound ? "not_found" : nil))
        default:  // the detail (which may name server paths) goes to the server's log only
            return (.internalServerError, .init(message: "the server failed to answer; its log says why",
                                                type: "server_error", param: nil, code: nil))
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field `\(key.stringValue)`"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "field `\(c.codingPath.map(\.stringValue).joined(separator: "."))`: \(c.debugDescription)"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// JSON responses in the package's one JSON shape, on one line.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var buffer = ByteBuffer(string: try JSONFormat.line(value))
        buffer.writeString("\n")
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}

/// What leaves the server about its files: names, never paths.
enum Redaction {
    /// `text` with every absolute path cut down to its file name: clients never see server paths.
    static func fileNames(in text: String) -> String {
        text.replacingOccurrences(of: #"(/[^/\s:;,'"`()]+)+/([^/\s:;,'"`()]+)"#, with: "$2", options: .regularExpression)
    }
}
