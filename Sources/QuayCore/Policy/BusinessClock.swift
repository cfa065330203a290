import Foundation

/// Maps an instant to the center's business day and local minute of day. The day starts at `resetMinute`
/// local time (e.g. 00:00 or 05:00) in the center's time zone (Asia/Ho_Chi_Minh by default).
public struct BusinessClock: Sendable, Equatable {
    public var timeZone: TimeZone
    public var resetMinute: Int

    public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!, resetMinute: Int = 0) {
        self.timeZone = timeZone
        self.resetMinute = resetMinute
    }

    public struct Reading: Sendable, Equatable {
        /// "2026-11-25"
        public var businessDay: String
        /// Local minutes since midnight (for opening hours).
        public var minuteOfDay: Int
    }

    public func read(_ epochSeconds: Double) -> Reading {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let date = Date(timeIntervalSince1970: epochSeconds)
        let c = cal.dateComponents([.hour, .minute], from: date)
        let minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        let shifted = Date(timeIntervalSince1970: epochSeconds - Double(resetMinute) * 60)
        let d = cal.dateComponents([.year, .month, .day], from: shifted)
        let day = String(format: "%04d-%02d-%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0)
        return Reading(businessDay: day, minuteOfDay: minute)
    }
}
