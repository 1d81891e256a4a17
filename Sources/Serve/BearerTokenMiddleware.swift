import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on every path but the page's own
/// files when the server has a token (the page holds no data; it asks for
/// the token and sends it with every call). Listing the open paths, rather
/// than the guarded ones, leaves no spelling of an API path unguarded.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    static var openPaths: Set<String> { ["/", "/app.js", "/style.css"] }
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !Self.openPaths.contains(request.uri.path) else { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let scheme = header.prefix(7).lowercased()
        guard scheme == "bearer ", Self.equal(Array(header.utf8.dropFirst(7)), Array(token.utf8)) else {
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

/// Guards a server without a token, which only loopback may run, against
/// other sites in the user's browser: a request must name a loopback host
/// (a DNS-rebound name does not), and a POST must be JSON (a cross-site
/// form or `text/plain` post, which needs no preflight, is refused).
struct LoopbackGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let active: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard active else { return try await next(request, context) }
        let host = request.head.authority ?? ""
        guard ServerSettings.isLoopback(Self.hostName(host)) else {
            throw ServeError.forbidden("requests must name a loopback host (this server has no token); got `\(host)`")
        }
        if request.method == .post {
            let type = (request.headers[.contentType] ?? "").lowercased()
            guard type.hasPrefix("application/json") else {
                throw ServeError.invalid("send the body as JSON with `Content-Type: application/json`")
            }
        }
        return try await next(request, context)
    }

    /// `host` without its port: `127.0.0.1:8080` → `127.0.0.1`, `[::1]:80` → `::1`.
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<end]) }
        return host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? host
    }
}
