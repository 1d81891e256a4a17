import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on the API (`/v1/…`) when the
/// server has a token; the page itself is static and served to anyone
/// (it asks for the token and sends it with every call).
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("Bearer "), Self.equal(Array(header.utf8.dropFirst(7)), Array(token.utf8)) else {
            throw ServeError.unauthorized
        }
        return try await next(request, context)
    }

    /// Compares in time that depends on the lengths only, not on where they differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }
}
