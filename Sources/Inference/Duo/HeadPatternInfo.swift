import Foundation

/// The JSON sidecar of a head pattern: how streaming heads are run and
/// where the gates came from.
///
/// Stored next to the TSV with `.json` in place of `.tsv`. Every field is
/// optional on read (`sink` 64 and `recent` 256 by default), so a bare
/// reference `full_attention_heads.tsv` loads as is.
public struct HeadPatternInfo: Codable, Sendable, Equatable {
    /// Attention-sink tokens a streaming head keeps (the first tokens).
    public var sink: Int
    /// Most recent tokens a streaming head keeps.
    public var recent: Int
    /// `GGUFFile.headerFingerprint` of the model the gates were identified on.
    public var model: String?
    /// How the gates were obtained, e.g. "gradient", "ablation", "random".
    public var method: String?
    /// What data they were obtained on, e.g. "passkey haystack=PaulGrahamEssays lengths=1000…8000 seed=1".
    public var data: String?
    /// When the pattern was made, ISO 8601 (see `HeadPatternInfo.timestamp`).
    public var created: String?

    public init(sink: Int = HeadPattern.defaultSink, recent: Int = HeadPattern.defaultRecent,
                model: String? = nil, method: String? = nil, data: String? = nil, created: String? = nil) {
        self.sink = sink
        self.recent = recent
        self.model = model
        self.method = method
        self.data = data
        self.created = created
    }

    private enum CodingKeys: String, CodingKey { case sink, recent, model, method, data, created }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sink = try c.decodeIfPresent(Int.self, forKey: .sink) ?? HeadPattern.defaultSink
        recent = try c.decodeIfPresent(Int.self, forKey: .recent) ?? HeadPattern.defaultRecent
        model = try c.decodeIfPresent(String.self, forKey: .model)
        method = try c.decodeIfPresent(String.self, forKey: .method)
        data = try c.decodeIfPresent(String.self, forKey: .data)
        created = try c.decodeIfPresent(String.self, forKey: .created)
    }

    /// `date` as ISO 8601 in UTC to the second, e.g. "2025-01-31T17:04:05Z".
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// The problem with these values, or nil when they are usable.
    func problem() -> String? {
        if sink < 0 { return "sink must be zero or more, got \(sink)" }
        if recent < 0 { return "recent must be zero or more, got \(recent)" }
        if let created {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime]
            let g = ISO8601DateFormatter()
            g.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if f.date(from: created) == nil && g.date(from: created) == nil {
                return "created is not an ISO 8601 date-time: '\(created)'"
            }
        }
        return nil
    }
}
