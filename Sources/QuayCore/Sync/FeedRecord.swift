/// One entry of a site's durable change feed (docs/sync.md): what changed, where it was first recorded and its
/// place in that site's sequence. `(origin, seq)` names the record everywhere: a center relays the records of its
/// points to the province unchanged, and every receiver applies a given `(origin, seq)` at most once.
///
/// The feed row is written in the same transaction as the change it describes, so nothing is acknowledged to a
/// clerk that the feed misses. Sequences start at 1 per origin and have no gaps.
public struct FeedRecord: Sendable, Codable, Equatable {
    /// The site that made the change (`SiteID.rawValue`).
    public var origin: String
    /// The origin's feed sequence: 1, 2, 3, … without gaps.
    public var seq: Int64
    /// When the origin recorded the change (epoch seconds, the origin's clock).
    public var at: Double
    public var body: FeedBody

    public init(origin: String, seq: Int64, at: Double, body: FeedBody) {
        (self.origin, self.seq, self.at, self.body) = (origin, seq, at, body)
    }
}

/// What a feed record carries.
public enum FeedBody: Sendable, Codable, Equatable {
    /// A dossier was received or changed: the dossier as it stands after the change and the event that made it.
    case dossier(DossierChange)
    /// A business day's queue figures at the origin, sent when the day closes (and again if it is recomputed;
    /// the later record for the same origin and day replaces the earlier).
    case queueDay(QueueDaySummary)
}

/// A dossier change as it travels: the full row after the change (so fields added later travel without a new
/// record kind) and the event (`revision` orders changes of one dossier at one site).
public struct DossierChange: Sendable, Codable, Equatable {
    public var dossier: Dossier
    public var event: DossierEvent

    public init(dossier: Dossier, event: DossierEvent) { (self.dossier, self.event) = (dossier, event) }
}

/// The queue figures of one business day at one site: per service and counter, the day's total and the hourly
/// arrival profile, as the `report` op computes them for that day.
public struct QueueDaySummary: Sendable, Codable, Equatable {
    public var site: String
    public var day: LocalDate
    public var total: QueueFigures
    public var services: [QueueFigures]
    public var counters: [QueueFigures]
    /// Tickets issued per local hour (24 entries).
    public var arrivalsByHour: [Int]

    public init(
        site: String, day: LocalDate, total: QueueFigures, services: [QueueFigures], counters: [QueueFigures],
        arrivalsByHour: [Int]
    ) {
        (self.site, self.day, self.total, self.services, self.counters) = (site, day, total, services, counters)
        self.arrivalsByHour = arrivalsByHour
    }
}
