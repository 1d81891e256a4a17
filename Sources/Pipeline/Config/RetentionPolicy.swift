import Foundation

/// When old snapshots are pruned after a run. Nil limits keep everything.
public struct RetentionPolicy: Sendable, Hashable {
    /// Prune the least recently used snapshots beyond this many bytes in total.
    public var snapshotsMaxBytes: Int64?
    /// Prune snapshots not used for this many seconds.
    public var snapshotsOlderThan: TimeInterval?

    public init(snapshotsMaxBytes: Int64? = nil, snapshotsOlderThan: TimeInterval? = nil) {
        self.snapshotsMaxBytes = snapshotsMaxBytes
        self.snapshotsOlderThan = snapshotsOlderThan
    }

    /// The default budget of the snapshot store when no pipeline sets one:
    /// `$PRECIS_SNAPSHOT_BUDGET` (a size as `parseSize` reads it, or `none`
    /// for no limit), else 10 GB. Nil: no limit.
    public static func defaultSnapshotBudget(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard let text = environment["PRECIS_SNAPSHOT_BUDGET"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
        else { return Int(defaultSnapshotBytes) }
        if ["none", "unlimited"].contains(text.lowercased()) { return nil }
        return parseSize(text).map { Int($0) } ?? Int(defaultSnapshotBytes)
    }

    /// Bytes of the snapshot store's default budget.
    public static let defaultSnapshotBytes: Int64 = 10_000_000_000

    /// Parses a size: a byte count, or a number with a unit — decimal `KB MB GB TB`
    /// (powers of 1000) or binary `KiB MiB GiB TiB` (powers of 1024); `B` is bytes.
    /// Case-insensitive, optional space: `2GB`, `1.5 GiB`, `500mb`.
    public static func parseSize(_ text: String) -> Int64? {
        let (number, unit) = split(text)
        guard let value = Double(number), value >= 0 else { return nil }
        let units: [String: Double] = [
            "": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let scale = units[unit.lowercased()] else { return nil }
        let bytes = (value * scale).rounded()
        guard bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// Parses a duration: one or more number-unit pairs with units `s m h d w`
    /// (seconds, minutes, hours, days, weeks): `30d`, `12h`, `1d12h`, `90m`.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        var total = 0.0
        var digits = ""
        var sawUnit = false
        for c in text.replacingOccurrences(of: " ", with: "").lowercased() {
            if c.isNumber || c == "." {
                digits.append(c)
            } else if let scale = units[c], let value = Double(digits) {
                total += value * scale
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard digits.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }

    private static func split(_ text: String) -> (number: String, unit: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let end = trimmed.firstIndex(where: { !$0.isNumber && $0 != "." }) ?? trimmed.endIndex
        return (String(trimmed[..<end]), trimmed[end...].trimmingCharacters(in: .whitespaces))
    }
}
