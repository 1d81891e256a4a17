import Foundation

/// A 5-field cron schedule: `minute hour day-of-month month day-of-week`.
///
/// Each field is `*`, a number, a range `a-b`, a step `*/n`, `a-b/n` or `a/n`
/// (from `a` to the field's end), or a comma list of those. Months and days
/// of the week may be given by three-letter English names (`jan`, `mon-fri`,
/// case-insensitive); in day-of-week both 0 and 7 are Sunday. Macros:
/// `@hourly`, `@daily` (= `@midnight`), `@weekly`, `@monthly`, `@yearly`
/// (= `@annually`).
///
/// As in Vixie cron, when both day-of-month and day-of-week are restricted
/// (neither starts with `*`), a day matches if *either* matches:
/// `0 9 1 * mon` runs on the 1st of each month and on every Monday.
/// Otherwise a day must match both.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written (trimmed).
    public let source: String
    public let minutes: [Int]
    public let hours: [Int]
    public let daysOfMonth: [Int]
    public let months: [Int]
    /// 0 = Sunday … 6 = Saturday.
    public let daysOfWeek: [Int]
    /// Whether the day-of-month field does not start with `*`.
    public let dayOfMonthRestricted: Bool
    /// Whether the day-of-week field does not start with `*`.
    public let dayOfWeekRestricted: Bool

    static let macros: [String: String] = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
        "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    /// Parses `text`; throws `PipelineError.cron` naming the field at fault.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        source = trimmed
        let fields = try Self.fields(of: trimmed)
        var parsed: [[Int]] = []
        for field in CronField.allCases {
            do { parsed.append(try field.parse(fields[field.rawValue])) } catch {
                throw PipelineError.cron(expression: trimmed, field: field.description, problem: error.message)
            }
        }
        (minutes, hours, daysOfMonth, months, daysOfWeek) = (parsed[0], parsed[1], parsed[2], parsed[3], parsed[4])
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    public var description: String { source }

    private static func fields(of text: String) throws -> [String] {
        if text.hasPrefix("@") {
            guard let expansion = macros[text.lowercased()] else {
                let known = macros.keys.sorted().joined(separator: " ")
                throw PipelineError.cron(expression: text, field: nil, problem: "unknown macro \(text); known: \(known)")
            }
            return expansion.split(separator: " ").map(String.init)
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw PipelineError.cron(expression: text, field: nil, problem:
                "expected 5 fields (minute hour day-of-month month day-of-week) or a macro like @daily, got \(fields.count)")
        }
        return fields
    }

    /// Whether the schedule fires on the given calendar day (`weekday` 0 = Sunday).
    public func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        let dom = daysOfMonth.contains(day), dow = daysOfWeek.contains(weekday)
        return dayOfMonthRestricted && dayOfWeekRestricted ? (dom || dow) : (dom && dow)
    }
}
