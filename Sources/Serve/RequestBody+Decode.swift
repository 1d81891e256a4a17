import Foundation
import GGUF
import Hummingbird
import NIOCore

extension Request {
    /// The body decoded as JSON (snake_case keys), refused when over `limit` bytes.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await body.collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw ServeError.tooLarge("the request body is over the limit of \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else { throw ServeError.invalid("the request has no body; send JSON") }
        return try JSONFormat.decoder.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
