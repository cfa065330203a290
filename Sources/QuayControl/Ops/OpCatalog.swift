/// Every op of the control protocol, declared once: its name, the lowest role that may use it, how a clerk
/// restricted to some counters is scoped, where it runs, its line limit and whether it changes state (and so goes
/// to the audit trail). docs/protocol.md documents the same list; `OpCatalogTests` checks they agree.
///
/// The socket server, the daemon's dispatcher (socket, keypads, scanners, demo, web) and the docs all read this
/// table: an op that is not here does not exist, for every role.
public enum OpCatalog {
    // Anyone with a role: kiosks and screens.
    public static let ping = OpSpec("ping", .kiosk, EmptyRequest.self, reply: PingBody.self, placement: .eventLoop)
    public static let version = OpSpec("version", .kiosk, EmptyRequest.self, reply: PingBody.self, placement: .eventLoop)
    public static let config = OpSpec("config", .kiosk, EmptyRequest.self, reply: ConfigBody.self, placement: .eventLoop)
    public static let queue = OpSpec("queue", .kiosk, QueueRequest.self, reply: QueueBody.self)
    public static let issue = OpSpec("issue", .kiosk, IssueRequest.self, reply: IssueBody.self, placement: .eventLoop, changes: true)
    public static let watch = OpSpec("watch", .kiosk, WatchRequest.self, reply: WatchSnapshotBody.self)
    public static let i18nStatus = OpSpec("i18n-status", .kiosk, EmptyRequest.self, reply: I18nBody.self)
    public static let issueReturn = OpSpec("issue-return", .kiosk, IssueReturnRequest.self, reply: IssueReturnBody.self, changes: true)
    public static let resultsReady = OpSpec("results-ready", .kiosk, ResultsReadyRequest.self, reply: ResultsReadyBody.self)
    /// One ticket's state by its follow token (the "my ticket" phone page); nothing else is visible through it.
    public static let ticketStatus = OpSpec("ticket-status", .kiosk, TicketStatusRequest.self, reply: TicketStatusBody.self)
    /// The counter's rating screen: what it shows, and the citizen's rating of the ticket just served.
    public static let ratingScreen = OpSpec("rating-screen", .kiosk, CounterRequest.self, reply: RatingScreenBody.self)
    public static let rate = OpSpec("rate", .kiosk, RateRequest.self, reply: RateBody.self, changes: true)

    // Clerks, scoped to their counters.
    public static let callNext = OpSpec(
        "call-next", .clerk, CounterRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let recall = OpSpec(
        "recall", .clerk, CounterTicketRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let startServing = OpSpec(
        "start-serving", .clerk, CounterTicketRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let done = OpSpec(
        "done", .clerk, CounterTicketRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let noShow = OpSpec(
        "no-show", .clerk, CounterTicketRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let returnToQueue = OpSpec(
        "return", .clerk, CounterTicketRequest.self, reply: TicketBody.self, scope: .counter, placement: .eventLoop, changes: true)
    /// The ticket must be at one of the clerk's counters (checked against the queue by the op).
    public static let transfer = OpSpec(
        "transfer", .clerk, TransferRequest.self, reply: TicketBody.self, scope: .counterAndTicket, placement: .eventLoop, changes: true)
    public static let counter = OpSpec(
        "counter", .clerk, CounterStateRequest.self, reply: CounterBody.self, scope: .counter, placement: .eventLoop, changes: true)
    public static let counters = OpSpec("counters", .clerk, EmptyRequest.self, reply: CountersBody.self, placement: .eventLoop)
    public static let stats = OpSpec("stats", .clerk, EmptyRequest.self, reply: QueueStatsBody.self)
    public static let reprint = OpSpec("reprint", .clerk, ReprintRequest.self, reply: IssueBody.self, changes: true)
    /// A dossier received at one of the clerk's counters, or of a service one of them serves.
    public static let dossierCreate = OpSpec(
        "dossier-create", .clerk, DossierCreateRequest.self, reply: DossierBody.self, scope: .counterIfNamed, changes: true)
    public static let dossierUpdate = OpSpec(
        "dossier-update", .clerk, DossierUpdateRequest.self, reply: DossierBody.self, scope: .dossier, changes: true)
    public static let dossierGet = OpSpec("dossier-get", .clerk, DossierKeyRequest.self, reply: DossierBody.self, scope: .dossier)
    /// Results handed to postal staff in one batch (each dossier in the clerk's scope), with the hand-over slip.
    public static let postHandover = OpSpec(
        "post-handover", .clerk, PostHandoverRequest.self, reply: PostalBatchBody.self, scope: .counterIfNamed, changes: true)
    /// A postal batch as it stands (a restricted clerk: batches handed over at their counters); reprints its slip.
    public static let postBatch = OpSpec("post-batch", .clerk, PostBatchRequest.self, reply: PostalBatchBody.self)
    public static let dossierStats = OpSpec("dossier-stats", .clerk, DossierStatsRequest.self, reply: DossierStatsBody.self)
    /// The audit trail. Meant for technicians and admins; a clerk restricted to counters sees only the rows of
    /// their counters (checked by the op), a clerk without counters is refused.
    public static let history = OpSpec("history", .clerk, HistoryRequest.self, reply: HistoryBody.self)
    /// Queue and dossier figures of a period (at most 367 days). A clerk restricted to counters gets the figures of
    /// their counters only (checked by the op); runs on the read connection, off the event loop.
    public static let report = OpSpec("report", .clerk, ReportRequest.self, reply: ReportBody.self)

    // Technicians.
    /// quayctl sends big files as chunks of at most 10,000 rows; a chunk line may be up to 4 MiB.
    public static let dossierImport = OpSpec(
        "dossier-import", .technician, DossierImportRequest.self, reply: DossierImportBody.self, lineLimit: 4 << 20, changes: true)
    public static let dossierOutbox = OpSpec("dossier-outbox", .technician, DossierOutboxRequest.self, reply: DossierOutboxBody.self)
    public static let devices = OpSpec("devices", .technician, DevicesRequest.self, reply: DevicesBody.self)
    public static let deviceTest = OpSpec("device-test", .technician, DeviceRoleRequest.self, reply: DeviceTestBody.self, changes: true)
    public static let deviceIdentify = OpSpec(
        "device-identify", .technician, DeviceRoleRequest.self, reply: DeviceCheckBody.self, changes: true)
    public static let printTest = OpSpec("print-test", .technician, PrinterRequest.self, reply: PrintTestBody.self, changes: true)
    public static let preview = OpSpec("preview", .technician, PrinterRequest.self, reply: PreviewBody.self)
    /// Announces a technician's text in one zone or all (renders it first: an unspeakable text is refused).
    public static let say = OpSpec("say", .technician, SayRequest.self, reply: SayBody.self)
    /// Sync peers (docs/sync.md): checkpoints, backlog, last contact and error, transfer totals.
    public static let syncStatus = OpSpec("sync-status", .technician, EmptyRequest.self, reply: SyncStatusBody.self)
    /// One exchange with every dialled peer now (waits for a round in progress first); answers when it is done.
    public static let syncNow = OpSpec("sync-now", .technician, EmptyRequest.self, reply: SyncNowBody.self)

    // Admins.
    /// Web accounts (the clerk console): add, new password (clears a lockout), disable, list.
    public static let userAdd = OpSpec("user-add", .admin, UserAddRequest.self, reply: Empty.self, changes: true)
    public static let userPasswd = OpSpec("user-passwd", .admin, UserPasswordRequest.self, reply: Empty.self, changes: true)
    public static let userDisable = OpSpec("user-disable", .admin, UserNameRequest.self, reply: Empty.self, changes: true)
    public static let userList = OpSpec("user-list", .admin, EmptyRequest.self, reply: UserListBody.self)
    public static let reload = OpSpec("reload", .admin, EmptyRequest.self, reply: Empty.self, changes: true)

    public static let all: [OpSpec] = [
        ping, version, config, queue, issue, watch, i18nStatus, issueReturn, resultsReady, ticketStatus, ratingScreen, rate,
        callNext, recall, startServing, done, noShow, returnToQueue, transfer, counter, counters, stats, reprint,
        dossierCreate, dossierUpdate, dossierGet, postHandover, postBatch, dossierStats, history, report,
        dossierImport, dossierOutbox, devices, deviceTest, deviceIdentify, printTest, preview, say, syncStatus, syncNow,
        userAdd, userPasswd, userDisable, userList, reload,
    ]

    private static let byName: [String: OpSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func spec(_ name: String) -> OpSpec? { byName[name] }

    /// The one permission check, for every caller: unknown ops are refused for every role, then the role.
    public static func authorize(_ op: String, role: Role) -> Result<OpSpec, ControlError> {
        guard let spec = byName[op] else { return .failure(.unknownOp(op)) }
        guard role >= spec.minimumRole else { return .failure(.forbidden(op: op, role: role.rawValue)) }
        return .success(spec)
    }

    /// The counter scoping a restricted clerk gets before the op runs (the op itself checks what needs data:
    /// the ticket of a transfer, the dossier of a dossier op).
    public static func checkCounter(_ spec: OpSpec, counter: String?, identity: AccessPolicy.Identity) -> ControlError? {
        guard let allowed = identity.counters else { return nil }
        let list = allowed.joined(separator: ", ")
        switch spec.scope {
        case .none, .dossier: return nil
        case .counter, .counterAndTicket:
            guard let c = counter else { return ControlError(code: "forbidden", message: "this clerk must name their counter (\(list))") }
            return allowed.contains(c) ? nil : ControlError(code: "forbidden", message: "this clerk may act only for counters \(list)")
        case .counterIfNamed:
            guard let c = counter else { return nil }
            return allowed.contains(c) ? nil : ControlError(code: "forbidden", message: "this clerk may act only for counters \(list)")
        }
    }

    /// Ops answered on the connection's own event loop.
    public static var eventLoopOps: Set<String> { Set(all.filter { $0.placement == .eventLoop }.map(\.name)) }

    /// The longest line a peer with `role` may send: the general limit, or the largest limit of an op it may use.
    public static func lineLimit(for role: Role, general: Int) -> Int {
        all.filter { role >= $0.minimumRole }.compactMap(\.lineLimit).reduce(general, max)
    }
}

/// One op's declaration (see `OpCatalog`).
public struct OpSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Scope: Sendable, Hashable {
        /// Not restricted by counter.
        case none
        /// A restricted clerk must name one of their counters in `counter`.
        case counter
        /// As `counter`, and the op checks the ticket is at one of the clerk's counters.
        case counterAndTicket
        /// `counter`, when named, must be one of the clerk's.
        case counterIfNamed
        /// The op checks the dossier belongs to the clerk's counters or their services.
        case dossier
    }
    public enum Placement: Sendable, Hashable {
        /// On the connection's NIO event loop: at most an engine step and a commit, a reply the config bounds.
        case eventLoop
        /// On Swift's global executor: anything that grows with data, waits for devices or prints.
        case offLoop
    }

    public let name: String
    public let minimumRole: Role
    public let scope: Scope
    public let placement: Placement
    /// A longer request line than the general 64 KiB, for peers that may use this op.
    public let lineLimit: Int?
    /// Changes state: recorded in the audit trail with who did it.
    public let changesState: Bool
    /// The op's typed request: built from the wire request (its fields checked) after the role was checked.
    public let request: any OpRequest.Type
    /// The type of the success reply's body (fields beside `id` and `ok`): quayd encodes it, clients decode it.
    public let reply: any (Codable & Sendable).Type

    public init(
        _ name: String, _ minimumRole: Role, _ request: any OpRequest.Type, reply: any (Codable & Sendable).Type,
        scope: Scope = .none, placement: Placement = .offLoop, lineLimit: Int? = nil, changes: Bool = false
    ) {
        self.request = request
        self.reply = reply
        self.name = name
        self.minimumRole = minimumRole
        self.scope = scope
        self.placement = placement
        self.lineLimit = lineLimit
        self.changesState = changes
    }

    public var description: String { name }

    /// Two specs are the same op when their names are (the catalogue has one spec per name).
    public static func == (a: OpSpec, b: OpSpec) -> Bool {
        a.name == b.name && a.minimumRole == b.minimumRole && a.scope == b.scope && a.placement == b.placement
            && a.lineLimit == b.lineLimit && a.changesState == b.changesState && a.request == b.request && a.reply == b.reply
    }

    public func hash(into h: inout Hasher) { h.combine(name) }
}
