/// Dossier figures of one service (or "*" for all) over a report period.
///
/// `received`: received in the period. `returned`, `onTime`, `late`: returned to the citizen in the period, on
/// or before / after the appointment date. `overdue`: still open with an appointment date in the period that
/// has passed on the day the report is made. `onTimeRate` = onTime / returned. Post-office returns: `byPost`
/// handed to the post in the period (counted in `returned` too), `delivered` of those the post has delivered,
/// `returnedToSender` brought back by the post in the period and not yet returned again.
public struct DossierFigures: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var received = 0
    public var returned = 0
    public var onTime = 0
    public var overdue = 0
    public var byPost = 0
    public var delivered = 0
    public var returnedToSender = 0

    public init(id: String, name: String) { (self.id, self.name) = (id, name) }

    public var late: Int { returned - onTime }
    public var onTimeRate: Double? { returned == 0 ? nil : Double(onTime) / Double(returned) }

    public mutating func add(_ b: DossierFigures) {
        received += b.received
        returned += b.returned
        onTime += b.onTime
        overdue += b.overdue
        byPost += b.byPost
        delivered += b.delivered
        returnedToSender += b.returnedToSender
    }
}
