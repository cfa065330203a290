/// The days a report covers, inclusive, in the center's local calendar. At most `maxDays` (a leap year and a
/// day): a year report is the longest a commune office asks for, and the bound keeps every report's cost known.
public struct ReportPeriod: Sendable, Codable, Equatable, CustomStringConvertible {
    public static let maxDays = 367

    public let from: LocalDate
    public let to: LocalDate

    /// nil when `to` is before `from` or the span is longer than `maxDays`.
    public init?(from: LocalDate, to: LocalDate) {
        guard from <= to, to.dayNumber - from.dayNumber < Self.maxDays else { return nil }
        (self.from, self.to) = (from, to)
    }

    public static func day(_ d: LocalDate) -> ReportPeriod { ReportPeriod(from: d, to: d)! }

    /// Monday to Sunday of the ISO week containing `d`.
    public static func week(containing d: LocalDate) -> ReportPeriod {
        // 1970-01-01 was a Thursday: day number 0 has ISO weekday 4 (Monday = 1).
        let weekday = ((d.dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        let monday = d.adding(days: -weekday)
        return ReportPeriod(from: monday, to: monday.adding(days: 6))!
    }

    /// A calendar month; nil for a month outside 1...12 or a year outside 1900...9999.
    public static func month(year: Int, month: Int) -> ReportPeriod? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        return ReportPeriod(from: first, to: first.adding(days: LocalDate.daysIn(month: month, year: year) - 1))
    }

    /// "2026-11" → that month.
    public static func month(_ s: String) -> ReportPeriod? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else {
            return nil
        }
        return month(year: y, month: m)
    }

    public var days: Int { to.dayNumber - from.dayNumber + 1 }

    /// Business-day keys as stored ("yyyy-MM-dd"), first and last.
    public var firstKey: String { from.iso }
    public var lastKey: String { to.iso }

    /// Start of `from` and start of the day after `to`, as epoch seconds for a center at `utcOffsetSeconds`.
    public func bounds(utcOffsetSeconds off: Int) -> (start: Double, end: Double) {
        (from.epochSeconds(utcOffsetSeconds: off), to.adding(days: 1).epochSeconds(utcOffsetSeconds: off))
    }

    public var description: String { from == to ? from.iso : "\(from.iso)..\(to.iso)" }
}
