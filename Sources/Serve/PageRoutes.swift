import Foundation
import Hummingbird

/// The web page at `/`: plain HTML, CSS and JavaScript shipped as the
/// module's resources, read once at start; no build step, nothing fetched
/// from elsewhere.
struct PageRoutes: Sendable {
    private let files: [String: (type: String, body: ByteBuffer)]

    init() throws {
        let types = ["index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
                     "style.css": "text/css; charset=utf-8"]
        guard let directory = Bundle.module.url(forResource: "Page", withExtension: nil) else {
            throw ServeError.notFound("the page's files are missing from the installation (Page in the Serve resources)")
        }
        files = try types.reduce(into: [:]) { files, item in
            let data = try Data(contentsOf: directory.appendingPathComponent(item.key))
            files[item.key] = (item.value, ByteBuffer(bytes: data))
        }
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in self.file("index.html") }
        router.get("/app.js") { _, _ in self.file("app.js") }
        router.get("/style.css") { _, _ in self.file("style.css") }
    }

    private func file(_ name: String) -> Response {
        let file = files[name]!
        return Response(status: .ok, headers: [
            .contentType: file.type, .cacheControl: "no-cache",
            .contentSecurityPolicy: "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'",
        ], body: .init(byteBuffer: file.body))
    }
}
