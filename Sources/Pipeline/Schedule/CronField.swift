/// One of the five fields of a cron expression, with its range and names.
public enum CronField: Int, Sendable, CaseIterable, CustomStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    public var description: String {
        switch self {
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day-of-month"
        case .month: return "month"
        case .dayOfWeek: return "day-of-week"
        }
    }

    /// Values allowed in the field; day-of-week allows 7 as another Sunday.
    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return 0...7
        }
    }

    /// The values the field can take after normalization (Sunday is 0).
    var values: ClosedRange<Int> { self == .dayOfWeek ? 0...6 : bounds }

    /// Three-letter names (lower case) and their numbers.
    private var names: [String: Int] {
        switch self {
        case .month:
            let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            return Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0 + 1) })
        case .dayOfWeek:
            let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            return Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        default:
            return [:]
        }
    }

    /// The sorted values `text` selects: a comma list of `*`, `n`, `a-b`,
    /// each optionally followed by `/step`; `n/step` means `n-max/step`.
    /// Throws the problem as a message.
    func parse(_ text: String) throws(CronProblem) -> [Int] {
        guard !text.isEmpty else { throw CronProblem("empty field") }
        var selected = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw CronProblem("empty item in the list '\(text)'") }
            for value in try parseItem(String(item)) {
                selected.insert(self == .dayOfWeek && value == 7 ? 0 : value)
            }
        }
        return selected.sorted()
    }

    private func parseItem(_ item: String) throws(CronProblem) -> StrideThrough<Int> {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw CronProblem("more than one '/' in '\(item)'") }
        var step = 1
        if parts.count == 2 {
            guard let s = Int(parts[1]), s > 0 else { throw CronProblem("step '\(parts[1])' must be a positive number") }
            step = s
        }
        let range = try parseRange(String(parts[0]), stepped: parts.count == 2)
        return stride(from: range.lowerBound, through: range.upperBound, by: step)
    }

    private func parseRange(_ text: String, stepped: Bool) throws(CronProblem) -> ClosedRange<Int> {
        if text == "*" { return self == .dayOfWeek ? 0...6 : bounds }
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count <= 2 else { throw CronProblem("bad range '\(text)'") }
        let low = try value(String(ends[0]))
        guard ends.count == 2 else { return stepped ? low...bounds.upperBound : low...low }
        let high = try value(String(ends[1]))
        guard low <= high else { throw CronProblem("range '\(text)' runs backwards; write it as a list") }
        return low...high
    }

    private func value(_ text: String) throws(CronProblem) -> Int {
        if let number = Int(text) {
            guard bounds.contains(number) else {
                throw CronProblem("\(number) is out of range \(bounds.lowerBound)-\(bounds.upperBound)")
            }
            return number
        }
        if let named = names[text.lowercased()] { return named }
        let hint = names.isEmpty ? "a number" : "a number or a name like \(self == .month ? "jan" : "mon")"
        throw CronProblem("'\(text)' is not \(hint)")
    }
}

/// Why a cron field was rejected; `CronExpression` adds the field and expression.
struct CronProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
