import Foundation

extension CronExpression {
    /// The first time strictly after `date` at which the schedule fires, in
    /// `timeZone`'s wall-clock time; nil if it never fires (e.g. `0 0 30 feb *`)
    /// within the next 28 years (a full cycle of weekdays and leap years).
    ///
    /// A wall-clock time skipped by a daylight-saving jump fires the length of
    /// the jump later (02:30 on the night clocks go from 02:00 to 03:00 fires
    /// at 03:30); a time that occurs twice fires at its first occurrence.
    public func nextRun(after date: Date, timeZone: TimeZone = .current) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let now = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard var day = CivilDay(year: now.year, month: now.month, day: now.day),
              let hour = now.hour, let minute = now.minute else { return nil }
        var earliest = hour * 60 + minute + 1
        for _ in 0..<(28 * 366) {
            if matchesDay(month: day.month, day: day.day, weekday: day.weekday) {
                while let time = firstTime(atOrAfter: earliest) {
                    if let fire = calendar.date(from: day.components(minuteOfDay: time)), fire > date { return fire }
                    earliest = time + 1
                }
            }
            day = months.contains(day.month) ? day.next : day.firstOfNextMonth
            earliest = 0
        }
        return nil
    }

    /// The first fire time of a matching day at or after `minuteOfDay`, as minutes since midnight.
    private func firstTime(atOrAfter minuteOfDay: Int) -> Int? {
        for hour in hours where (hour + 1) * 60 > minuteOfDay {
            for minute in minutes where hour * 60 + minute >= minuteOfDay { return hour * 60 + minute }
        }
        return nil
    }
}

/// A proleptic Gregorian calendar day, with day arithmetic independent of time zones.
struct CivilDay: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init?(year: Int?, month: Int?, day: Int?) {
        guard let year, let month, let day else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int {
        // Days since 1970-01-01 (a Thursday), after Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return ((days % 7) + 7 + 4) % 7
    }

    var next: CivilDay {
        var d = self
        if day < Self.daysIn(month: month, year: year) { d.day += 1 } else { d = firstOfNextMonth }
        return d
    }

    var firstOfNextMonth: CivilDay {
        var d = self
        d.day = 1
        if month == 12 { d.month = 1; d.year += 1 } else { d.month += 1 }
        return d
    }

    func components(minuteOfDay: Int) -> DateComponents {
        DateComponents(year: year, month: month, day: day, hour: minuteOfDay / 60, minute: minuteOfDay % 60, second: 0)
    }
}
