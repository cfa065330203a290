import QuayCore
import QuayDevices

/// Reply bodies of the control protocol (docs/protocol.md shows each as JSON).
struct PingBody: Encodable, Sendable {
    var version: String
    var site: String
    var uptimeSeconds: Int
    var store: String
}

struct TicketBody: Encodable, Sendable {
    var ticket: Ticket
}

struct IssueBody: Encodable, Sendable {
    var ticket: Ticket
    var waitingAhead: Int
    var estimatedWaitMinutes: Int?
    /// Counters (numbers shown to citizens) serving this service.
    var counters: [String]
    var print: PrintOutcome?
}

struct PrintOutcome: Encodable, Sendable {
    var ok: Bool
    var printer: String
    var code: String?
    var message: String?
    var citizen: [String: String]?
}

struct CounterView: Encodable, Sendable {
    var id: String
    var number: String
    var services: [String]
    var languages: [String]
    var state: String
    var current: Ticket?
}

struct QueueSnapshot: Encodable, Sendable {
    var businessDay: String
    /// The longest-waiting tickets first, at most the request's limit (`queue`: `args.limit`, default 500).
    var waiting: [Ticket]
    /// Every waiting ticket, also those beyond the limit.
    var waitingTotal: Int
    var active: [Ticket]
    var counters: [CounterView]
    var waitingByService: [String: Int]
}

struct ServiceView: Encodable, Sendable {
    var id: String
    var prefix: String
    var name: LocalizedText
    var range: [Int]
    var capacityPerDay: Int?
    var issuedToday: Int?
}

struct ConfigBody: Encodable, Sendable {
    var site: String
    var center: LocalizedText
    var timezone: String
    var services: [ServiceView]
    var counters: [CounterView]
    var priorities: [PriorityClass]
    var policy: CallPolicyConfig
}

struct CountersBody: Encodable, Sendable { var counters: [CounterView] }
struct CounterBody: Encodable, Sendable { var counter: CounterView }
struct QueueStatsBody: Encodable, Sendable { var stats: DailyStats }
struct DevicesBody: Encodable, Sendable {
    var devices: [DeviceHealth]
    /// With `"args":{"unassigned":true}`: present devices no role uses, with matchers to paste.
    var unassigned: [UnassignedDevice]? = nil
}
struct I18nBody: Encodable, Sendable { var problems: [MessageCatalog.Status] }

struct WatchSnapshotBody: Encodable, Sendable {
    var snapshot: QueueSnapshot
    var lastEventSeq: Int64
    var devices: [DeviceHealth]?
}

/// A line of the watch stream: a queue event with the ticket as it is after the change, or a device change.
struct WatchLine: Encodable, Sendable {
    var event: QueueEvent?
    var ticket: Ticket?
    var device: DeviceHealth?
    var scan: ScanEvent?
}

extension CounterView {
    init(_ c: Counter, current: Ticket?) {
        self.init(id: c.id, number: c.number, services: c.services, languages: c.languages.sorted().map(\.rawValue),
                  state: c.state.rawValue, current: current)
    }
}

extension QueueSnapshot {
    init(_ e: QueueEngine, waitingLimit: Int = .max) {
        let waiting = e.waitingOrdered()
        var by: [String: Int] = [:]
        for s in e.center.services { by[s.id] = 0 }
        for t in waiting { by[t.service, default: 0] += 1 }
        self.init(businessDay: e.businessDay, waiting: Array(waiting.prefix(waitingLimit)), waitingTotal: waiting.count,
                  active: e.tickets.values.filter { $0.state == .called || $0.state == .serving }.sorted { ($0.calledAt ?? 0) > ($1.calledAt ?? 0) },
                  counters: e.center.counters.map { CounterView($0, current: e.current(at: $0.id)) }, waitingByService: by)
    }
}
