import Foundation

/// One line of the hall display's "results ready" (đã có kết quả) list. No personal data beyond the masked code.
public struct ResultsReadyEntry: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    /// "•••• 1234 N.V.A"
    public var maskedCode: String
    public var serviceName: String
    /// When the result became ready (epoch seconds).
    public var since: Double

    public init(id: String, maskedCode: String, serviceName: String, since: Double) {
        self.id = id
        self.maskedCode = maskedCode
        self.serviceName = serviceName
        self.since = since
    }

    public init(_ d: Dossier) {
        self.init(
            id: d.id, maskedCode: ReceiptCode.mask(d.receiptCode, citizenName: d.citizenName),
            serviceName: d.procedureName, since: d.statusChangedAt)
    }

    /// Dossiers waiting at the center (status result-ready, returned at the center or at `site` if given),
    /// oldest first, at most `limit`. By-post results are never listed.
    public static func list<S: Sequence>(_ dossiers: S, site: String? = nil, limit: Int = 50) -> [ResultsReadyEntry]
    where S.Element == Dossier {
        let ready = dossiers.filter { d in
            guard d.status == .resultReady, d.returnChannel != .byPost else { return false }
            return site == nil || d.receivedSite == site
        }
        return ready.sorted { ($0.statusChangedAt, $0.id) < ($1.statusChangedAt, $1.id) }.prefix(limit).map(ResultsReadyEntry.init)
    }
}

/// The JSON document the configured notifier command gets on stdin when a result is ready.
/// `transitionId` is unique per transition ("<dossier id>#<revision>"): a gateway that sees it twice drops the
/// second copy.
public struct NotifierPayload: Sendable, Codable, Equatable {
    public var event: String
    public var transitionId: String
    public var dossierId: String
    public var receiptCode: String
    public var citizenName: String
    public var citizenPhone: String?
    public var serviceCode: String
    public var serviceName: String
    public var appointmentDate: LocalDate
    /// Epoch seconds of the transition.
    public var at: Double
    public var returnChannel: ReturnChannel
    public var site: String

    public static let resultReadyEvent = "result-ready"

    public init(
        event: String, transitionId: String, dossierId: String, receiptCode: String, citizenName: String,
        citizenPhone: String?, serviceCode: String, serviceName: String, appointmentDate: LocalDate, at: Double,
        returnChannel: ReturnChannel, site: String
    ) {
        self.event = event
        self.transitionId = transitionId
        self.dossierId = dossierId
        self.receiptCode = receiptCode
        self.citizenName = citizenName
        self.citizenPhone = citizenPhone
        self.serviceCode = serviceCode
        self.serviceName = serviceName
        self.appointmentDate = appointmentDate
        self.at = at
        self.returnChannel = returnChannel
        self.site = site
    }

    /// The payload for a `result-ready` transition, nil for any other event (only that one notifies).
    public static func resultReady(_ d: Dossier, event e: DossierEvent) -> NotifierPayload? {
        guard e.kind == .resultReady, e.dossier == d.id else { return nil }
        return NotifierPayload(
            event: resultReadyEvent, transitionId: e.transitionID, dossierId: d.id, receiptCode: d.receiptCode,
            citizenName: d.citizenName, citizenPhone: d.citizenPhone, serviceCode: d.procedure,
            serviceName: d.procedureName, appointmentDate: d.appointmentDate, at: e.at,
            returnChannel: d.returnChannel, site: d.receivedSite)
    }

    /// Stable JSON (sorted keys, no escaped slashes, newline-terminated) for the notifier's stdin.
    public func json() throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try enc.encode(self)
        data.append(0x0A)
        return data
    }
}
