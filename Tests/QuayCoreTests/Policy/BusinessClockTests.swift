import Foundation
import QuayCore
import Testing

/// Business day and minute of day in Asia/Ho_Chi_Minh (UTC+7, no DST).
@Suite struct BusinessClockTests {
    static let hcm = BusinessClock()

    @Test func defaultIsHoChiMinhFromMidnight() {
        #expect(Self.hcm.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(Self.hcm.resetMinute == 0)
        #expect(Self.hcm.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Fx.t8)) == 7 * 3600)
    }

    @Test(arguments: [
        // (UTC instant, expected business day, expected local minute of day)
        ("2026-11-24T17:00:00Z", "2026-11-25", 0),
        ("2026-11-24T16:59:59Z", "2026-11-24", 1439),
        ("2026-11-25T00:30:00Z", "2026-11-25", 450),  // 07:30 local
        ("2026-11-25T01:00:00Z", "2026-11-25", 480),
        ("2026-11-25T10:00:00Z", "2026-11-25", 1020),  // 17:00 local
        ("2026-11-25T16:59:00Z", "2026-11-25", 1439),
        ("2026-12-31T17:00:00Z", "2027-01-01", 0),  // new year at local midnight
        ("2026-12-31T16:59:59Z", "2026-12-31", 1439),
        ("2028-02-28T17:00:00Z", "2028-02-29", 0),  // leap day
    ])
    func dayBoundariesAreLocalMidnight(utc: String, day: String, minute: Int) throws {
        let r = Self.hcm.read(try epoch(utc))
        #expect(r.businessDay == day)
        #expect(r.minuteOfDay == minute)
    }

    @Test func fractionalSecondsJustBeforeMidnightStayOnTheOldDay() {
        let before = Self.hcm.read(Fx.midnight - 0.5)
        #expect(before.businessDay == "2026-11-24" && before.minuteOfDay == 1439)
        let at = Self.hcm.read(Fx.midnight)
        #expect(at.businessDay == "2026-11-25" && at.minuteOfDay == 0)
    }

    @Test(arguments: [
        // (reset minute, local minutes after 2026-11-25 00:00, expected business day)
        (300, -1, "2026-11-24"),
        (300, 0, "2026-11-24"),
        (300, 299, "2026-11-24"),
        (300, 300, "2026-11-25"),
        (300, 1439, "2026-11-25"),
        (300, 1440 + 299, "2026-11-25"),
        (300, 1440 + 300, "2026-11-26"),
        (0, 0, "2026-11-25"),
        (1, 0, "2026-11-24"),
        (1, 1, "2026-11-25"),
    ])
    func resetMinuteShiftsTheDayButNotTheMinuteOfDay(reset: Int, localMinutes: Int, day: String) {
        let clock = BusinessClock(resetMinute: reset)
        let r = clock.read(Fx.midnight + Double(localMinutes) * 60)
        #expect(r.businessDay == day)
        #expect(r.minuteOfDay == ((localMinutes % 1440) + 1440) % 1440)
    }

    @Test func otherTimeZone() throws {
        let utc = BusinessClock(timeZone: try #require(TimeZone(identifier: "UTC")))
        let r = utc.read(Fx.midnight)
        #expect(r.businessDay == "2026-11-24" && r.minuteOfDay == 17 * 60)
    }

    @Test func engineDayFollowsTheClock() throws {
        // The daemon drives roll(to:) from the clock: 23:59 and 00:00 local are different days.
        var e = QueueEngine(center: Fx.center(), businessDay: Self.hcm.read(Fx.midnight - 60).businessDay)
        try e.mustIssue(at: Fx.midnight - 60)
        let m = e.roll(to: Self.hcm.read(Fx.midnight).businessDay, now: Fx.midnight)
        #expect(m.events.last?.detail == "2026-11-25")
        #expect(m.tickets.map(\.state) == [.expired])
    }

    func epoch(_ iso: String) throws -> Double {
        try #require(ISO8601DateFormatter().date(from: iso)).timeIntervalSince1970
    }
}
