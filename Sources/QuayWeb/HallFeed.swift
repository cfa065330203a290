/// A ticket on the hall display: "A015 -> counter 3".
public struct HallCall: Sendable, Codable, Equatable, Hashable {
    public var ticket: String
    public var counter: Int
    /// Seconds since the epoch of the call (for ordering; the page shows no times).
    public var at: Double

    public init(ticket: String, counter: Int, at: Double) {
        self.ticket = ticket
        self.counter = counter
        self.at = at
    }
}

/// Waiting count of one service, with its name in both hall languages.
public struct HallServiceWaiting: Sendable, Codable, Equatable, Hashable {
    public var service: String
    public var nameVi: String
    public var nameKm: String
    public var waiting: Int

    public init(service: String, nameVi: String, nameKm: String, waiting: Int) {
        self.service = service
        self.nameVi = nameVi
        self.nameKm = nameKm
        self.waiting = waiting
    }
}

/// A dossier result ready for pickup, shown by masked receipt code only (e.g. "***-4821"): never a name.
public struct HallResultReady: Sendable, Codable, Equatable, Hashable {
    public var maskedCode: String
    public var counter: Int?

    public init(maskedCode: String, counter: Int? = nil) {
        self.maskedCode = maskedCode
        self.counter = counter
    }
}

/// Everything the hall page shows. The daemon derives it from the queue; the page never computes queue state.
public struct HallSnapshot: Sendable, Codable, Equatable {
    /// Current call per counter, newest first.
    public var nowCalling: [HallCall]
    /// Earlier calls, newest first.
    public var recent: [HallCall]
    public var waiting: [HallServiceWaiting]
    public var resultsReady: [HallResultReady]
    /// The page's texts from the message catalogue: key (`hall.calling`, `hall.title`…) → language → text, with
    /// `{number}`/`{counter}` left for the page. Empty: the page keeps the texts built into hall.html/hall.js.
    public var texts: [String: [String: String]]

    public init(
        nowCalling: [HallCall] = [], recent: [HallCall] = [], waiting: [HallServiceWaiting] = [],
        resultsReady: [HallResultReady] = [], texts: [String: [String: String]] = [:]
    ) {
        self.nowCalling = nowCalling
        self.recent = recent
        self.waiting = waiting
        self.resultsReady = resultsReady
        self.texts = texts
    }

    enum CodingKeys: String, CodingKey { case nowCalling, recent, waiting, resultsReady, texts }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        nowCalling = try c.decode([HallCall].self, forKey: .nowCalling)
        recent = try c.decode([HallCall].self, forKey: .recent)
        waiting = try c.decode([HallServiceWaiting].self, forKey: .waiting)
        resultsReady = try c.decode([HallResultReady].self, forKey: .resultsReady)
        texts = try c.decodeIfPresent([String: [String: String]].self, forKey: .texts) ?? [:]
    }
}

/// A change pushed to the page. Applying updates in order to a snapshot gives the next snapshot
/// (`HallSnapshot.applying`); the page does the same in hall.js.
public enum HallUpdate: Sendable, Equatable {
    /// A ticket was called to a counter (replaces that counter's current call, which moves to `recent`).
    case called(HallCall)
    /// The same ticket called again (the page flashes it again).
    case recalled(HallCall)
    /// The counter closed or finished: it no longer shows a ticket.
    case counterCleared(counter: Int)
    case waiting([HallServiceWaiting])
    case resultsReady([HallResultReady])
    /// Replace everything (daily reset, resynchronisation).
    case snapshot(HallSnapshot)
}

/// Where the hall display gets its data. The daemon implements it from its event stream (or uses `HallBroadcaster`).
///
/// Each WebSocket client calls `subscribe()`: the snapshot and the stream of later updates. `HallBroadcaster` takes
/// both atomically and delivers every update after the snapshot exactly once. An implementation that cannot should
/// subscribe with `updates()` *before* taking `snapshot()`, so no change is lost between the two (updates are
/// idempotent on the page, so one that is already in the snapshot is harmless).
public protocol HallFeed: Sendable {
    func snapshot() async -> HallSnapshot
    /// A new stream per subscriber; it should finish when the feed shuts down. The server stops iterating when the
    /// client disconnects (the implementation should drop the subscriber in `onTermination`).
    func updates() -> AsyncStream<HallUpdate>
    /// The current snapshot and the updates after it.
    func subscribe() async -> (HallSnapshot, AsyncStream<HallUpdate>)
}
