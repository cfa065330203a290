import QuayCore

/// `dossier-create` (dossier), `dossier-update` (dossier and event), `dossier-get` (dossier, events, return ticket).
public struct DossierBody: Codable, Sendable, Equatable {
    public var dossier: Dossier
    public var event: DossierEvent?
    public var events: [DossierEvent]?
    public var returnTicket: String?

    public init(dossier: Dossier, event: DossierEvent? = nil, events: [DossierEvent]? = nil, returnTicket: String? = nil) {
        self.dossier = dossier
        self.event = event
        self.events = events
        self.returnTicket = returnTicket
    }
}
