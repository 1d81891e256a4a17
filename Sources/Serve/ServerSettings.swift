import Foundation
import Inference

/// How `precis serve` listens and what it accepts.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Required as `Authorization: Bearer TOKEN` on the API when set.
    public var token: String?
    /// Largest request body accepted.
    public var maxBodyBytes = 1 << 20
    /// Largest `max_tokens` accepted.
    public var maxTokens = 2048
    /// Answer length when a request gives none.
    public var defaultMaxTokens = 512
    /// Passages a document question may be answered from.
    public var maxTop = 4

    public init() {}

    /// Whether `host` is a loopback address (the only kind allowed without a token).
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The sampling and length a request asks for, checked against these limits.
    func generation(_ fields: GenerationFields, room: Int) throws -> GenerationRequest {
        let (temperature, topP, seed) = (fields.temperature, fields.topP, fields.seed)
        let maxTokens = fields.maxCompletionTokens ?? fields.maxTokens
        var sampling = SamplingOptions()
        if let temperature {
            guard (0...2).contains(temperature) else { throw ServeError.invalid("temperature must be between 0 and 2", param: "temperature") }
            sampling.temperature = temperature
        }
        if let topP {
            guard topP > 0, topP <= 1 else { throw ServeError.invalid("top_p must be above 0 and at most 1", param: "top_p") }
            sampling.topP = topP
        }
        sampling.seed = seed ?? UInt64.random(in: 1...UInt64.max)
        let limit = min(self.maxTokens, room)
        let length = maxTokens ?? min(defaultMaxTokens, limit)
        guard (1...limit).contains(length) else {
            throw ServeError.invalid("max_tokens must be between 1 and \(limit)", param: "max_tokens")
        }
        let stop = fields.stop?.strings ?? []
        guard stop.count <= 4, stop.allSatisfy({ !$0.isEmpty && $0.count <= 64 }) else {
            throw ServeError.invalid("stop takes up to 4 non-empty strings of at most 64 characters", param: "stop")
        }
        return GenerationRequest(sampling: sampling, maxTokens: length, stop: stop)
    }
}
