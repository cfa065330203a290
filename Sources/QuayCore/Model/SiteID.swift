/// Identifies one installation (main center or a secondary reception/return point). Ticket, event and dossier
/// ids are `<site>-<kind><sequence>`, so records from different sites never collide when synced upward.
public struct SiteID: Sendable, Codable, Hashable, CustomStringConvertible, RawRepresentable {
    public let rawValue: String
    public init?(rawValue: String) {
        guard SiteID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }
    public var description: String { rawValue }

    /// 1–32 characters of a-z, 0-9 and '-', starting with a letter or digit.
    public static func isValid(_ s: String) -> Bool {
        guard (1...32).contains(s.utf8.count), let f = s.utf8.first, f != UInt8(ascii: "-") else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
    }

    public func ticketID(_ seq: Int64) -> String { "\(rawValue)-T\(seq)" }
    public func eventID(_ seq: Int64) -> String { "\(rawValue)-E\(seq)" }
    public func dossierID(_ seq: Int64) -> String { "\(rawValue)-D\(seq)" }
    public func postalBatchID(_ seq: Int64) -> String { "\(rawValue)-P\(seq)" }
}
