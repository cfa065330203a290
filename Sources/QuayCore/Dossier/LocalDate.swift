/// A calendar date in the center's local time, e.g. an appointment date (ngày hẹn trả). Encoded as "yyyy-MM-dd".
/// All arithmetic is integer day numbers (days since 1970-01-01), so stats over 200,000 dossiers never touch
/// Calendar or DateFormatter.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (proleptic Gregorian).
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// nil for an impossible date (month 13, 31 April, 29 February of a common year) or a year outside 1900...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146097 + doe - 719468
    }

    /// The local date of an instant, for a center at a fixed UTC offset (Việt Nam: +07:00, no daylight saving).
    public init(epochSeconds: Double, utcOffsetSeconds: Int) {
        dayNumber = Int(((epochSeconds + Double(utcOffsetSeconds)) / 86_400).rounded(.down))
    }

    /// Parses exactly "yyyy-MM-dd".
    public init?(iso s: String) {
        var s = s
        let r: LocalDate?? = s.withUTF8 { b in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return .some(nil) }
            func num(_ from: Int, _ to: Int) -> Int? {
                var v = 0
                for i in from..<to {
                    let d = Int(b[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard let y = num(0, 4), let m = num(5, 7), let d = num(8, 10) else { return .some(nil) }
            return .some(LocalDate(year: y, month: m, day: d))
        }
        guard let v = r ?? nil else { return nil }
        self = v
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// "2026-11-25"
    public var iso: String {
        let c = components
        return LocalDate.pad(c.year, 4) + "-" + LocalDate.pad(c.month, 2) + "-" + LocalDate.pad(c.day, 2)
    }
    public var description: String { iso }

    /// "2026-11"
    public var monthKey: String {
        let c = components
        return LocalDate.pad(c.year, 4) + "-" + LocalDate.pad(c.month, 2)
    }

    /// First day of this date's month.
    public var firstOfMonth: LocalDate {
        let c = components
        return LocalDate(year: c.year, month: c.month, day: 1)!
    }

    /// Local midnight of this date as epoch seconds.
    public func epochSeconds(utcOffsetSeconds: Int) -> Double { Double(dayNumber * 86_400 - utcOffsetSeconds) }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected yyyy-MM-dd, got '\(s)'"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// Việt Nam's fixed offset from UTC (+07:00); the country has no daylight saving time.
public let vietnamUTCOffsetSeconds = 7 * 3600
