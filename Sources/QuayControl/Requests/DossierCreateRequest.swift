import QuayCore

/// `dossier-create`: a dossier received at `counter` (when named). `service` falls back to the top-level field.
public struct DossierCreateRequest: OpRequest, Equatable {
    public var receiptCode: String
    public var procedure: String
    public var procedureName: String?
    public var service: String?
    public var appointmentDate: LocalDate
    public var citizenName: String
    public var citizenPhone: String?
    public var returnChannel: ReturnChannel
    public var note: String?
    public var counter: String?
    /// A name the client gives for the clerk (kept in the event; the audit trail records the real caller).
    public var clerk: String?

    public init(
        receiptCode: String, procedure: String, procedureName: String? = nil, service: String? = nil,
        appointmentDate: LocalDate, citizenName: String, citizenPhone: String? = nil,
        returnChannel: ReturnChannel = .atCenter, note: String? = nil, counter: String? = nil, clerk: String? = nil
    ) {
        self.receiptCode = receiptCode
        self.procedure = procedure
        self.procedureName = procedureName
        self.service = service
        self.appointmentDate = appointmentDate
        self.citizenName = citizenName
        self.citizenPhone = citizenPhone
        self.returnChannel = returnChannel
        self.note = note
        self.counter = counter
        self.clerk = clerk
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(
            receiptCode: try f.required(\.receiptCode, "receiptCode"), procedure: try f.required(\.procedure, "procedure"),
            procedureName: f[\.procedureName], service: f[\.service] ?? r.service,
            appointmentDate: try f.date(\.appointmentDate, "appointmentDate"), citizenName: try f.required(\.citizenName, "citizenName"),
            citizenPhone: f[\.citizenPhone], returnChannel: try f.choice(\.returnChannel, "returnChannel", ReturnChannel.atCenter),
            note: f[\.note], counter: r.counter, clerk: f[\.clerk])
    }

    public var subject: AuditSubject { AuditSubject(counter: counter, dossier: receiptCode) }
}
