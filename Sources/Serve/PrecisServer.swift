import Foundation
import Hummingbird
import Logging
import NIOCore

/// `precis serve`'s HTTP server: the OpenAI-compatible API, the library's
/// endpoints and the page, over one shared model.
public struct PrecisServer: Sendable {
    public let settings: ServerSettings
    public let assistant: Assistant
    public let library: Library

    public init(settings: ServerSettings, assistant: Assistant, library: Library) throws {
        guard settings.token != nil || ServerSettings.isLoopback(settings.host) else {
            throw ServeError.invalid("binding to \(settings.host) needs --token (or PRECIS_SERVE_TOKEN): only loopback may be served without one")
        }
        self.settings = settings
        self.assistant = assistant
        self.library = library
    }

    /// The application, ready to run; `onRunning` gets the bound port
    /// (the one the system picked when the settings ask for port 0).
    public func application(logger: Logger, log: @escaping @Sendable (String) -> Void,
                            onRunning: @escaping @Sendable (Int) async -> Void) throws -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: APIErrorMiddleware(log: log))
        router.add(middleware: BearerTokenMiddleware(token: settings.token))
        router.add(middleware: LoopbackGuardMiddleware(active: settings.token == nil))
        ChatCompletionRoutes(assistant: assistant, library: library, settings: settings).register(on: router)
        DocumentRoutes(assistant: assistant, library: library, settings: settings).register(on: router)
        try PageRoutes().register(on: router)
        return Application(router: router,
                           configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "precis"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? settings.port) },
                           logger: logger)
    }
}
