/// A dossier (hồ sơ) submitted at a counter, tracked until the citizen gets the result. Times are epoch seconds
/// (Double); the appointment date (ngày hẹn trả) is a local calendar date. Citizen contact is kept minimal:
/// a name and an optional phone, nothing else.
public struct Dossier: Sendable, Codable, Equatable, Identifiable {
    /// "<site>-D<n>" (`SiteID.dossierID`).
    public var id: String
    /// Normalised receipt code (mã biên nhận), unique per province. See `ReceiptCode`.
    public var receiptCode: String
    /// Procedure code (mã thủ tục), e.g. "1.001612"; stats group by it.
    public var procedure: String
    /// Procedure name as shown to staff and on the results-ready list.
    public var procedureName: String
    /// Quay queue service that handles it (routes the return ticket); nil = the configured return service.
    public var service: String?
    public var receivedAt: Double
    public var receivedSite: String
    public var receivedCounter: String?
    public var clerk: String?
    public var appointmentDate: LocalDate
    public var status: DossierStatus
    public var statusChangedAt: Double
    /// Set when the status becomes `.returned`.
    public var returnedAt: Double?
    public var citizenName: String
    public var citizenPhone: String?
    public var returnChannel: ReturnChannel
    public var note: String?
    /// Number of status changes so far (0 = just received). With `id` it names each transition uniquely.
    public var revision: Int
    /// The postal hand-over batch ("<site>-P<n>") and the post's tracking number, for a result sent by post.
    public var postalBatch: String?
    public var trackingNumber: String?

    public init(
        id: String, receiptCode: String, procedure: String, procedureName: String, service: String? = nil,
        receivedAt: Double, receivedSite: String, receivedCounter: String? = nil, clerk: String? = nil,
        appointmentDate: LocalDate, status: DossierStatus = .received, statusChangedAt: Double? = nil,
        returnedAt: Double? = nil, citizenName: String, citizenPhone: String? = nil,
        returnChannel: ReturnChannel = .atCenter, note: String? = nil, revision: Int = 0
    ) {
        self.id = id
        self.receiptCode = receiptCode
        self.procedure = procedure
        self.procedureName = procedureName
        self.service = service
        self.receivedAt = receivedAt
        self.receivedSite = receivedSite
        self.receivedCounter = receivedCounter
        self.clerk = clerk
        self.appointmentDate = appointmentDate
        self.status = status
        self.statusChangedAt = statusChangedAt ?? receivedAt
        self.returnedAt = returnedAt
        self.citizenName = citizenName
        self.citizenPhone = citizenPhone
        self.returnChannel = returnChannel
        self.note = note
        self.revision = revision
    }

    /// Creates a dossier at the counter: validates and normalises the receipt code, name and phone, checks the
    /// appointment is not before the local receipt date, and returns the `created` event. The store assigns `seq`
    /// (the site's dossier sequence).
    public static func receive(
        site: SiteID, seq: Int64, receiptCode raw: String, procedure: String, procedureName: String,
        service: String? = nil, at now: Double, counter: String? = nil, clerk: String? = nil,
        appointmentDate: LocalDate, citizenName: String, citizenPhone: String? = nil,
        returnChannel: ReturnChannel = .atCenter, note: String? = nil,
        utcOffsetSeconds: Int = vietnamUTCOffsetSeconds
    ) throws(DossierError) -> (Dossier, DossierEvent) {
        let code: String
        do { code = try ReceiptCode.normalize(raw) } catch { throw .invalidReceiptCode(error) }
        let proc = procedure.trimmingWhitespace
        guard !proc.isEmpty else { throw .missingField("procedure") }
        let name = citizenName.trimmingWhitespace
        guard !name.isEmpty else { throw .missingField("citizen name") }
        guard name.unicodeScalars.count <= 200 else { throw .invalidArgument("citizen name is too long") }
        var phone: String?
        if let p = citizenPhone, !p.trimmingWhitespace.isEmpty {
            guard let n = PhoneNumber.normalize(p) else { throw .invalidArgument("invalid phone number '\(p)'") }
            phone = n
        }
        guard appointmentDate >= LocalDate(epochSeconds: now, utcOffsetSeconds: utcOffsetSeconds) else {
            throw .invalidArgument("appointment date \(appointmentDate) is before the receipt date")
        }
        let d = Dossier(
            id: site.dossierID(seq), receiptCode: code, procedure: proc, procedureName: procedureName.trimmingWhitespace,
            service: service, receivedAt: now, receivedSite: site.rawValue, receivedCounter: counter, clerk: clerk,
            appointmentDate: appointmentDate, citizenName: name, citizenPhone: phone, returnChannel: returnChannel, note: note)
        return (d, DossierEvent(dossier: d.id, revision: 0, kind: .created, at: now, from: nil, to: .received, clerk: clerk))
    }

    /// Moves the dossier to `next` if the state machine allows it, and returns the event to append.
    /// `returned` and `handedToPost` stamp `returnedAt` (the center's part is done); `returnedToSender` clears it
    /// (the result is owed again). Refuses invalid transitions (e.g. returned → processing) with
    /// `DossierError.invalidTransition` and leaves the dossier untouched.
    @discardableResult
    public mutating func transition(to next: DossierStatus, at now: Double, clerk: String? = nil, note: String? = nil) throws(DossierError)
        -> DossierEvent
    {
        guard status.canMove(to: next) else { throw .invalidTransition(dossier: id, from: status, to: next) }
        let from = status
        status = next
        statusChangedAt = now
        switch next {
        case .returned, .handedToPost: returnedAt = now
        case .returnedToSender: returnedAt = nil
        default: break
        }
        if let note { self.note = note }
        revision += 1
        return DossierEvent(
            dossier: id, revision: revision, kind: DossierEvent.Kind(to: next), at: now, from: from, to: next, clerk: clerk, note: note)
    }

    /// The result is not yet returned and its appointment date has passed (`today` is the local date).
    public func isOverdue(today: LocalDate) -> Bool { status.isOpen && today > appointmentDate }
}

/// One dossier change, appended to the log. `transitionID` is unique per transition and stable, so notifier
/// deliveries and a gateway can de-duplicate on it.
public struct DossierEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case created
        case processing
        case supplementRequested = "supplement-requested"
        case resultReady = "result-ready"
        case returned, rejected, withdrawn
        case handedToPost = "handed-to-post"
        case delivered
        case returnedToSender = "returned-to-sender"

        public init(to status: DossierStatus) {
            switch status {
            case .received: self = .created
            case .processing: self = .processing
            case .needsSupplement: self = .supplementRequested
            case .resultReady: self = .resultReady
            case .returned: self = .returned
            case .rejected: self = .rejected
            case .withdrawn: self = .withdrawn
            case .handedToPost: self = .handedToPost
            case .delivered: self = .delivered
            case .returnedToSender: self = .returnedToSender
            }
        }
    }
    public var dossier: String
    /// The dossier's revision after this change (0 for `created`).
    public var revision: Int
    public var kind: Kind
    public var at: Double
    public var from: DossierStatus?
    public var to: DossierStatus
    public var clerk: String?
    public var note: String?

    public init(
        dossier: String, revision: Int, kind: Kind, at: Double, from: DossierStatus?, to: DossierStatus,
        clerk: String? = nil, note: String? = nil
    ) {
        self.dossier = dossier
        self.revision = revision
        self.kind = kind
        self.at = at
        self.from = from
        self.to = to
        self.clerk = clerk
        self.note = note
    }

    /// "<dossier id>#<revision>", e.g. "hcm-q1-D42#3".
    public var transitionID: String { "\(dossier)#\(revision)" }
}

extension String {
    /// Trims spaces, tabs, CR/LF and no-break spaces at both ends (Foundation-free).
    var trimmingWhitespace: String {
        // Fast path: printable ASCII at both ends means nothing to trim.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
