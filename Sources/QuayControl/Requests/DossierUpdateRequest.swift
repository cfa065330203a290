import QuayCore

/// `dossier-update`: move `args.dossier` (id or receipt code) to `args.status`, with an optional note.
public struct DossierUpdateRequest: OpRequest, Equatable {
    public var dossier: String
    public var status: DossierStatus
    public var note: String?
    public var counter: String?
    /// A name the client gives for the clerk (kept in the event; the audit trail records the real caller).
    public var clerk: String?

    public init(dossier: String, status: DossierStatus, note: String? = nil, counter: String? = nil, clerk: String? = nil) {
        self.dossier = dossier
        self.status = status
        self.note = note
        self.counter = counter
        self.clerk = clerk
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let dossier = try f.required(\.dossier, "dossier")
        let raw = try f.required(\.status, "status")
        guard let st = DossierStatus(rawValue: raw) else {
            throw .invalidField("status", "must be one of \(DossierStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(dossier: dossier, status: st, note: f[\.note], counter: r.counter, clerk: f[\.clerk])
    }

    public var subject: AuditSubject { AuditSubject(counter: counter, dossier: dossier) }
}
