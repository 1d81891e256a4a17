import Foundation

/// Parsing and formatting of subtitle and transcript timestamps.
public enum Timecode {
    /// Parses `hh:mm:ss,mmm`, `hh:mm:ss.mmm`, `mm:ss.mmm`, `hh:mm:ss` or
    /// `mm:ss` into seconds; nil when the text is not a timestamp.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let mainAndFraction = s.split(whereSeparator: { $0 == "," || $0 == "." })
        guard (1...2).contains(mainAndFraction.count) else { return nil }
        let fields = mainAndFraction[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count),
              fields.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return nil
        }
        let numbers = fields.compactMap { Int($0) }
        guard numbers.count == fields.count, numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        var seconds = Double(numbers.reduce(0) { $0 * 60 + $1 })
        if mainAndFraction.count == 2 {
            let frac = mainAndFraction[1]
            guard !frac.isEmpty, frac.count <= 3, frac.allSatisfy(\.isASCIIDigit), let f = Int(frac) else { return nil }
            seconds += Double(f) / pow10(frac.count)
        }
        return seconds
    }

    /// `m:ss` below an hour, `h:mm:ss` above; fractions dropped.
    public static func compact(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60)
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0" : "")\(m):\(ss)" }
        return "\(m):\(ss)"
    }

    private static func pow10(_ n: Int) -> Double { n == 1 ? 10 : n == 2 ? 100 : 1000 }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}
