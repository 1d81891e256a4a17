import Foundation
import Testing
@testable import Pipeline

/// Expects `text` to be rejected, naming `field` (nil: the whole expression) and `fragment`.
func expectCronError(_ text: String, field: String?, _ fragment: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sourceLocation: sourceLocation) {
        try CronExpression(text)
    } throws: { error in
        guard case let PipelineError.cron(_, errorField, problem) = error else { return false }
        return errorField == field && problem.contains(fragment)
    }
}

@Suite("Cron expressions")
struct CronExpressionTests {
    @Test func plainValuesAndStars() throws {
        let cron = try CronExpression("30 2 * * *")
        #expect(cron.minutes == [30])
        #expect(cron.hours == [2])
        #expect(cron.daysOfMonth == Array(1...31))
        #expect(cron.months == Array(1...12))
        #expect(cron.daysOfWeek == Array(0...6))
        #expect(!cron.dayOfMonthRestricted && !cron.dayOfWeekRestricted)
    }

    @Test func rangesStepsAndLists() throws {
        let cron = try CronExpression("*/15 1-20/5 1,15,20-22 */3 1-5")
        #expect(cron.minutes == [0, 15, 30, 45])
        #expect(cron.hours == [1, 6, 11, 16])
        #expect(cron.daysOfMonth == [1, 15, 20, 21, 22])
        #expect(cron.months == [1, 4, 7, 10])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(try CronExpression("5/20 * * * *").minutes == [5, 25, 45])
        #expect(try CronExpression("0 9-17/4 * * *").hours == [9, 13, 17])
    }

    @Test func namesAndSunday() throws {
        let cron = try CronExpression("0 0 * JAN,mar-May mon-fri")
        #expect(cron.months == [1, 3, 4, 5])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(try CronExpression("0 0 * * 7").daysOfWeek == [0])
        #expect(try CronExpression("0 0 * * 5-7").daysOfWeek == [0, 5, 6])
        #expect(try CronExpression("0 0 * * sun,sat").daysOfWeek == [0, 6])
    }

    @Test func macros() throws {
        let hourly = try CronExpression("@hourly"), expanded = try CronExpression("0 * * * *")
        #expect(hourly.minutes == expanded.minutes && hourly.hours == expanded.hours)
        #expect(hourly.source == "@hourly")
        #expect(try CronExpression("@daily").hours == [0])
        #expect(try CronExpression("@midnight").minutes == [0])
        #expect(try CronExpression("@weekly").daysOfWeek == [0])
        #expect(try CronExpression("@monthly").daysOfMonth == [1])
        #expect(try CronExpression("@yearly").months == [1])
        #expect(try CronExpression("@ANNUALLY").daysOfMonth == [1])
    }

    @Test func errorsNameTheField() {
        expectCronError("60 * * * *", field: "minute", "60 is out of range 0-59")
        expectCronError("0 24 * * *", field: "hour", "24 is out of range 0-23")
        expectCronError("0 0 0 * *", field: "day-of-month", "0 is out of range 1-31")
        expectCronError("0 0 * 13 *", field: "month", "13 is out of range 1-12")
        expectCronError("0 0 * foo *", field: "month", "'foo' is not a number or a name like jan")
        expectCronError("0 0 * * 8", field: "day-of-week", "8 is out of range 0-7")
        expectCronError("0 0 * * fri-mon", field: "day-of-week", "runs backwards")
        expectCronError("*/0 * * * *", field: "minute", "step '0' must be a positive number")
        expectCronError("1,,2 * * * *", field: "minute", "empty item in the list '1,,2'")
        expectCronError("1-2-3 * * * *", field: "minute", "bad range")
        expectCronError("0 0 * *", field: nil, "expected 5 fields")
        expectCronError("0 0 * * * *", field: nil, "got 6")
        expectCronError("@reboot", field: nil, "unknown macro @reboot")
    }

    @Test func errorDescription() {
        let error = PipelineError.cron(expression: "61 * * * *", field: "minute", problem: "61 is out of range 0-59")
        #expect(error.description == "invalid cron expression '61 * * * *' in the minute field: 61 is out of range 0-59")
    }
}

@Suite("Cron to systemd OnCalendar")
struct CronSystemdTests {
    func calendars(_ text: String) throws -> [String] { try CronExpression(text).systemdCalendars }

    @Test func fixedTimes() throws {
        #expect(try calendars("30 2 * * *") == ["*-*-* 02:30:00"])
        #expect(try calendars("@daily") == ["*-*-* 00:00:00"])
        #expect(try calendars("0 0 1 1 *") == ["*-01-01 00:00:00"])
    }

    @Test func weekdayRangesAndLists() throws {
        #expect(try calendars("30 2 * * 1-5") == ["Mon..Fri *-*-* 02:30:00"])
        #expect(try calendars("0 9 * * mon,wed,fri") == ["Mon,Wed,Fri *-*-* 09:00:00"])
        #expect(try calendars("0 9 * * 0,6") == ["Sat,Sun *-*-* 09:00:00"])
        #expect(try calendars("0 9 * * 5-7") == ["Fri..Sun *-*-* 09:00:00"])
        #expect(try calendars("@weekly") == ["Sun *-*-* 00:00:00"])
    }

    @Test func steps() throws {
        #expect(try calendars("*/15 * * * *") == ["*-*-* *:00/15:00"])
        #expect(try calendars("5/20 */2 * * *") == ["*-*-* 00/2:05/20:00"])
        #expect(try calendars("0 0 */2 * *") == ["*-*-01/2 00:00:00"])
        #expect(try calendars("1-30/5 * * * *") == ["*-*-* *:01,06,11,16,21,26:00"])
    }

    @Test func listsAndRanges() throws {
        #expect(try calendars("0,30 8-18 * * *") == ["*-*-* 08..18:00,30:00"])
        #expect(try calendars("0 6,18 1-7 jan-mar,dec *") == ["*-01..03,12-01..07 06,18:00:00"])
        #expect(try calendars("0 0 1,2,3,10 * *") == ["*-*-01..03,10 00:00:00"])
    }

    @Test func dayOfMonthOrDayOfWeekBecomesTwoCalendars() throws {
        #expect(try calendars("0 9 1,15 * mon") == ["*-*-01,15 09:00:00", "Mon *-*-* 09:00:00"])
        #expect(try calendars("30 2 1 jan fri") == ["*-01-01 02:30:00", "Fri *-01-* 02:30:00"])
        // A starred field keeps cron's AND meaning, which systemd shares.
        #expect(try calendars("0 0 */2 * mon") == ["Mon *-*-01/2 00:00:00"])
        // Either condition covering every day matches every day.
        #expect(try calendars("0 0 1 * 0-6") == ["*-*-* 00:00:00"])
    }
}

@Suite("Cron next run")
struct CronNextRunTests {
    let utc = TimeZone(identifier: "UTC")!

    /// `yyyy-MM-dd HH:mm` in `zone`.
    func date(_ text: String, _ zone: TimeZone? = nil) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone ?? utc
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    func next(_ cron: String, after: String, zone: TimeZone? = nil) throws -> Date? {
        try CronExpression(cron).nextRun(after: date(after, zone), timeZone: zone ?? utc)
    }

    @Test func sameDayAndNextDay() throws {
        #expect(try next("30 2 * * *", after: "2025-03-10 01:00") == date("2025-03-10 02:30"))
        #expect(try next("30 2 * * *", after: "2025-03-10 02:30") == date("2025-03-11 02:30"))
        #expect(try next("30 2 * * *", after: "2025-12-31 23:59") == date("2026-01-01 02:30"))
    }

    @Test func stepsWithinTheHour() throws {
        #expect(try next("*/15 * * * *", after: "2025-03-10 10:07") == date("2025-03-10 10:15"))
        #expect(try next("*/15 * * * *", after: "2025-03-10 10:45") == date("2025-03-10 11:00"))
        #expect(try next("*/15 * * * *", after: "2025-03-10 23:50") == date("2025-03-11 00:00"))
    }

    @Test func weekdays() throws {
        // 2025-03-14 is a Friday.
        #expect(try next("30 2 * * 1-5", after: "2025-03-14 03:00") == date("2025-03-17 02:30"))
        #expect(try next("0 0 * * 0", after: "2025-03-14 03:00") == date("2025-03-16 00:00"))
        #expect(try next("0 0 * * 7", after: "2025-03-14 03:00") == date("2025-03-16 00:00"))
    }

    @Test func dayOfMonthOrDayOfWeek() throws {
        // The 1st or any Monday: from Fri 2025-03-14, Monday the 17th comes first;
        // from Monday 2025-03-31 after 09:00, Tuesday April 1st.
        #expect(try next("0 9 1 * mon", after: "2025-03-14 10:00") == date("2025-03-17 09:00"))
        #expect(try next("0 9 1 * mon", after: "2025-03-31 10:00") == date("2025-04-01 09:00"))
        // A starred day-of-month means AND: Mondays that are odd days.
        #expect(try next("0 9 */2 * mon", after: "2025-03-10 10:00") == date("2025-03-17 09:00"))
    }

    @Test func monthsLeapDaysAndNever() throws {
        #expect(try next("0 0 29 2 *", after: "2025-01-01 00:00") == date("2028-02-29 00:00"))
        #expect(try next("0 12 31 * *", after: "2025-04-01 00:00") == date("2025-05-31 12:00"))
        #expect(try next("@yearly", after: "2025-06-01 00:00") == date("2026-01-01 00:00"))
        #expect(try next("0 0 30 2 *", after: "2025-01-01 00:00") == nil)
    }

    @Test func honoursTheTimeZone() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let fire = try next("30 2 * * *", after: "2025-06-01 00:00", zone: berlin)
        #expect(fire == date("2025-06-01 00:30"))  // 02:30 CEST is 00:30 UTC
        // 02:30 does not exist on 2025-03-30 in Berlin: it fires right after the jump.
        let gap = try next("30 2 * * *", after: "2025-03-30 00:00", zone: berlin)
        #expect(gap == date("2025-03-30 03:30", berlin))
    }
}
