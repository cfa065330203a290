/// What Quay keeps from the QR code on a chip citizen ID card (CCCD): enough to route the citizen (age for the
/// elderly priority class), never the full record. The QR reads
/// `12-digit ID|old 9-digit CMND (may be empty)|full name|date of birth ddMMyyyy|sex|address|issue date ddMMyyyy`;
/// some cards carry 6 fields. Parsing is defensive: anything that does not look like that is refused.
/// The name, address and full ID number are dropped here and never logged.
public struct CCCDCard: Sendable, Equatable, Codable {
    /// Last 4 digits of the ID number (to tell the citizen which card was read).
    public var idLast4: String
    public var birthDate: LocalDate
    /// "Nam" / "Nữ" as printed, or nil.
    public var sex: String?

    public enum ParseError: Error, Sendable, Equatable {
        case notACCCD
        case badIDNumber
        case badBirthDate
    }

    public static func parse(_ raw: String) throws(ParseError) -> CCCDCard {
        let parts = raw.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 6 || parts.count == 7 else { throw .notACCCD }
        let id = parts[0].utf8
        guard id.count == 12, id.allSatisfy({ (0x30...0x39).contains($0) }) else { throw .badIDNumber }
        let old = parts[1].utf8
        guard old.isEmpty || (old.count == 9 && old.allSatisfy({ (0x30...0x39).contains($0) })) else { throw .notACCCD }
        guard let dob = date(ddMMyyyy: parts[3]) else { throw .badBirthDate }
        let sex = parts[4].isEmpty ? nil : String(parts[4].prefix(8))
        return CCCDCard(idLast4: String(parts[0].suffix(4)), birthDate: dob, sex: sex)
    }

    /// Age in whole years on `day`.
    public func age(on day: LocalDate) -> Int {
        let b = birthDate.components, d = day.components
        var years = d.year - b.year
        if (d.month, d.day) < (b.month, b.day) { years -= 1 }
        return max(0, years)
    }

    static func date(ddMMyyyy s: Substring) -> LocalDate? {
        let u = Array(s.utf8)
        guard u.count == 8, u.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        func n(_ r: Range<Int>) -> Int { u[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (d, m, y) = (n(0..<2), n(2..<4), n(4..<8))
        guard (1900...2100).contains(y) else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
