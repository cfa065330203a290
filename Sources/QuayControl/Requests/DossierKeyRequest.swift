import QuayCore

/// `dossier-get`: one dossier by id or receipt code, with its events and return ticket.
public struct DossierKeyRequest: OpRequest, Equatable {
    public var dossier: String

    public init(dossier: String) { self.dossier = dossier }

    public init(wire r: Request) throws(ControlError) {
        self.init(dossier: try WireFields(r).required(\.dossier, "dossier"))
    }

    public var subject: AuditSubject { AuditSubject(dossier: dossier) }
}
