import QuayCore

/// What happened to one scan, as kiosk screens see it on `watch` (`{"scan":{…}}`). Never the raw text of an ID
/// card: `cccd` carries the last 4 digits and the age only.
public struct ScanEvent: Codable, Sendable, Equatable {
    public var role: String
    public var kiosk: String?
    /// ticket, receipt, cccd, unreadable.
    public var kind: String
    public var at: Double
    /// receipt: the `issue-return` outcome (ok + ticket, or the refusal with citizen texts).
    public var result: ScanReturnResult?
    /// ticket: the ticket as it is now.
    public var ticket: Ticket?
    /// cccd: last 4 digits of the ID number and age today.
    public var idLast4: String?
    public var age: Int?
    /// cccd: `elderly` when the citizen is 60 or older (Luật Người cao tuổi) and the center has that priority
    /// class; the kiosk screen offers it, the citizen decides.
    public var suggestedPriority: String?
    /// unreadable: why (garbled keys, bad check digit, not a known code).
    public var reason: String?

    public init(
        role: String, kiosk: String?, kind: String, at: Double, result: ScanReturnResult? = nil, ticket: Ticket? = nil,
        idLast4: String? = nil, age: Int? = nil, suggestedPriority: String? = nil, reason: String? = nil
    ) {
        self.role = role
        self.kiosk = kiosk
        self.kind = kind
        self.at = at
        self.result = result
        self.ticket = ticket
        self.idLast4 = idLast4
        self.age = age
        self.suggestedPriority = suggestedPriority
        self.reason = reason
    }

    /// What a kiosk screen may see of a scan: the outcome and the citizen texts, not the dossier, its state or
    /// the staff message (which names the receipt code and the appointment date).
    public var citizenView: ScanEvent {
        var v = self
        v.result?.dossier = nil
        v.result?.error?.message = nil
        return v
    }

    /// What the kiosk screen's own feed carries (`/kiosk/NAME/ws`): the citizen view without even the last digits
    /// of the card or the age; a CCCD scan is only "eligible for `suggestedPriority`" or not.
    public var kioskView: ScanEvent {
        var v = citizenView
        v.idLast4 = nil
        v.age = nil
        v.role = ""
        return v
    }
}
