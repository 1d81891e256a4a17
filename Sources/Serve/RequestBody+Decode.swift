import Foundation
import GGUF
import Hummingbird
import NIOCore

extension RequestBody {
    /// The body decoded as JSON (snake_case keys), refused when over `limit` bytes.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw ServeError.tooLarge("the request body is over the limit of \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else { throw ServeError.invalid("the request has no body; send JSON") }
        return try JSONFormat.decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}

extension Request {
    /// Runs `operation` on the request's body, setting `stop` if the client
    /// closes its side of the connection meanwhile (so a generation it
    /// waits for stops at its next token). `stop` is also set once
    /// `operation` returns: use it only for work done by then.
    ///
    /// Watching ends the connection's request stream, so the connection
    /// closes after the response: the response says `Connection: close`
    /// (and an error carries it as `ClosingConnection`), or a client would
    /// send its next request on a connection about to close.
    func watchingClient(_ stop: StopFlag, _ operation: (RequestBody) async throws -> Response) async throws -> Response {
        do {
            var response = try await body.consumeWithInboundCloseHandler(operation, onInboundClosed: { stop.set() })
            response.headers[.connection] = "close"
            return response
        } catch {
            throw ClosingConnection(error: error)
        }
    }
}

/// An error from a request whose connection closes after the response.
struct ClosingConnection: Error {
    let error: any Error
}
