/// What a scanned code is, decided from its text alone (pure). Order matters: a Quay ticket QR and a CCCD QR have
/// fixed shapes; anything else that is a valid receipt code is taken as a dossier receipt.
public enum ScanPayload: Sendable, Equatable {
    /// The QR on a Quay ticket.
    case ticket(TicketCode)
    /// A chip ID card QR (only the parts Quay keeps).
    case cccd(CCCDCard)
    /// A dossier receipt code (normalised).
    case receipt(String)
    /// None of the above; `reason` says why (never the raw text, which may be personal data).
    case unreadable(reason: String)

    public static func classify(_ raw: String) -> ScanPayload {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.hasPrefix("QUAY1|") {
            do throws(TicketCode.ParseError) { return .ticket(try TicketCode.parse(s)) } catch {
                return .unreadable(reason: error == .badCheck ? "ticket code check failed (misread?)" : "damaged ticket code")
            }
        }
        if s.contains("|") {
            do throws(CCCDCard.ParseError) { return .cccd(try CCCDCard.parse(s)) } catch {
                switch error {
                case .badBirthDate: return .unreadable(reason: "ID card QR without a valid date of birth")
                case .badIDNumber: return .unreadable(reason: "ID card QR without a 12-digit ID number")
                case .notACCCD: return .unreadable(reason: "not a ticket, ID card or receipt code")
                }
            }
        }
        do throws(ReceiptCodeError) { return .receipt(try ReceiptCode.normalize(s)) } catch {
            return .unreadable(reason: "not a ticket, ID card or receipt code (\(error))")
        }
    }

    public var kind: String {
        switch self {
        case .ticket: "ticket"
        case .cccd: "cccd"
        case .receipt: "receipt"
        case .unreadable: "unreadable"
        }
    }
}
