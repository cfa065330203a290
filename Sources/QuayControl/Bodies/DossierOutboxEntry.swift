import QuayCore

/// One result-ready notifier delivery for technicians (no citizen data beyond the dossier id).
public struct DossierOutboxEntry: Codable, Sendable, Equatable {
    public var transitionId: String
    public var dossierId: String
    public var state: String
    public var attempts: Int
    public var enqueuedAt: Double
    public var nextAt: Double?
    public var lastError: String?

    public init(
        transitionId: String, dossierId: String, state: String, attempts: Int, enqueuedAt: Double, nextAt: Double? = nil,
        lastError: String? = nil
    ) {
        self.transitionId = transitionId
        self.dossierId = dossierId
        self.state = state
        self.attempts = attempts
        self.enqueuedAt = enqueuedAt
        self.nextAt = nextAt
        self.lastError = lastError
    }

    public init(_ d: NotifierDelivery) {
        var attempts = 0
        var lastError: String?
        switch d.state {
        case .pending: break
        case .inFlight(let a, _), .sent(_, let a): attempts = a
        case .retrying(let a, _, let e), .gaveUp(_, let a, let e):
            attempts = a
            lastError = e
        }
        self.init(
            transitionId: d.transitionId, dossierId: d.payload.dossierId, state: d.state.name, attempts: attempts,
            enqueuedAt: d.enqueuedAt, nextAt: d.dueAt, lastError: lastError)
    }
}
