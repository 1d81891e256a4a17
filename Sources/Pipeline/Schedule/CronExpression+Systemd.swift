extension CronExpression {
    /// The schedule as systemd `OnCalendar=` values (`systemd.time(7)`), e.g.
    /// `30 2 * * 1-5` → `["Mon..Fri *-*-* 02:30:00"]`, `*/15 * * * *` → `["*-*-* *:00/15:00"]`.
    ///
    /// Ranges become `a..b`, lists comma lists, and a step that runs to the
    /// end of its field `a/n`; other steps are written out as lists.
    ///
    /// systemd requires the weekday *and* the date of a calendar event to
    /// match, while cron fires when either of a restricted day-of-month and a
    /// restricted day-of-week matches. In that case two values are returned,
    /// one per condition; a timer with several `OnCalendar=` lines fires when
    /// any of them matches, which is cron's meaning.
    public var systemdCalendars: [String] {
        let time = "\(Self.render(hours, in: CronField.hour.values)):\(Self.render(minutes, in: CronField.minute.values)):00"
        let month = Self.render(months, in: CronField.month.values)
        let day = Self.render(daysOfMonth, in: CronField.dayOfMonth.values)
        let allWeekdays = daysOfWeek.count == 7, allDays = daysOfMonth.count == 31
        if dayOfMonthRestricted && dayOfWeekRestricted {
            // Either condition: a full one matches every day; otherwise one value each.
            if allWeekdays || allDays { return ["*-\(month)-* \(time)"] }
            return ["*-\(month)-\(day) \(time)", "\(Self.renderWeekdays(daysOfWeek)) *-\(month)-* \(time)"]
        }
        let prefix = allWeekdays ? "" : Self.renderWeekdays(daysOfWeek) + " "
        return ["\(prefix)*-\(month)-\(day) \(time)"]
    }

    /// `*` for the whole field, `a/n` for a step to the field's end, else a
    /// comma list of values and `a..b` runs; two-digit numbers. Two values
    /// stay a list (`06,18`, not `06/12`).
    static func render(_ values: [Int], in field: ClosedRange<Int>) -> String {
        if values == Array(field) { return "*" }
        if values.count >= 3 {
            let step = values[1] - values[0]
            let isProgression = zip(values, values.dropFirst()).allSatisfy { $1 - $0 == step }
            if step > 1, isProgression, values[values.count - 1] + step > field.upperBound {
                return "\(pad(values[0]))/\(step)"
            }
        }
        return runs(values).map { run in
            run.count >= 3 ? "\(pad(run[0]))..\(pad(run[run.count - 1]))" : run.map(pad).joined(separator: ",")
        }.joined(separator: ",")
    }

    /// Day names, Monday first as systemd orders them, with `Mon..Fri` for runs.
    static func renderWeekdays(_ days: [Int]) -> String {
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let mondayFirst = days.map { $0 == 0 ? 7 : $0 }.sorted()
        return runs(mondayFirst).map { run in
            let labels = run.map { names[$0 % 7] }
            return run.count >= 3 ? "\(labels[0])..\(labels[labels.count - 1])" : labels.joined(separator: ",")
        }.joined(separator: ",")
    }

    /// Sorted values split into runs of consecutive numbers.
    private static func runs(_ values: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        for value in values {
            if let last = result.last?.last, last + 1 == value { result[result.count - 1].append(value) } else {
                result.append([value])
            }
        }
        return result
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
