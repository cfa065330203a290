import Foundation
import Logging
import QuayCore
import QuayDevices
import QuayStore
import QuaySystem
import QuayWeb
import ServiceLifecycle

/// Lights the displays from committed queue events: each counter's LED board shows the number it called
/// (blinking on recall, blank when the counter closes), the Alpha hall sign shows "Mời số … đến quầy …",
/// and the hall page gets now-calling, recent calls and waiting counts. Events come from the ledger after
/// commit, so a display never shows a call that was not stored. A slow or dead board never holds up the queue:
/// the ledger only enqueues, and this service works through the events on its own.
struct DisplayService: LifecycleService {
    let state: DaemonState
    let hall: HallBroadcaster?
    let logger: Logger

    func run() async throws {
        guard let ledger = state.ledgerIfOpen else { return }
        let cfg = state.config
        var buses: [CounterBoardBus] = []
        for b in cfg.devices.boardBuses {
            guard let model = BoardModel.preset(named: b.model) else {
                logger.error("unknown board model; bus not started", metadata: ["bus": "\(b.role)", "model": "\(b.model)"])
                continue
            }
            do {
                buses.append(try await CounterBoardBus.open(role: b.role, path: b.match, baud: b.baud, model: model, boards: b.boards,
                                                            registry: state.registry, logger: logger))
            } catch {
                logger.error("board bus not opened", metadata: ["bus": "\(b.role)", "path": "\(b.match)", "error": "\(error)"])
                await state.registry.register(DeviceHealth(role: b.role, kind: "board-bus", matcher: b.match, devnode: b.match,
                                                           state: .error, condition: "not-opened", lastError: "\(error)"))
            }
        }
        var signs: [AlphaSignDriver] = []
        for s in cfg.devices.hallSigns {
            do {
                let sign = try AlphaSignDriver.open(path: s.match, line: SerialPort.Configuration(baud: s.baud), role: s.role, registry: state.registry)
                await sign.attach()
                signs.append(sign)
            } catch {
                logger.error("hall sign not opened", metadata: ["sign": "\(s.role)", "error": "\(error)"])
            }
        }

        let (stream, cont) = AsyncStream<Mutation>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let (token, snap) = try await ledger.subscribe(snapshot: { Self.hallSnapshot($0) }, observer: { cont.yield($0) })
        defer { ledger.unsubscribe(token) }
        var first = snap.0
        first.resultsReady = await resultsReady()
        hall?.publish(.snapshot(first))
        let initial = snap.1

        let maintenance = buses.map { bus in Task { await bus.runMaintenance() } }
        var tickets = initial
        for await m in stream.cancelOnGracefulShutdown() {
            for t in m.tickets { tickets[t.id] = (t.service, t.state) }
            for e in m.events { await apply(e, buses: buses, signs: signs) }
            if m.events.contains(where: { $0.kind != .counter }) { hall?.publish(.waiting(Self.waiting(tickets, state.config.center))) }
            if m.events.contains(where: { $0.kind == .dayRollover }) { tickets = [:] }
            if hall != nil, m.events.contains(where: { $0.kind == .dossier }) { hall?.publish(.resultsReady(await resultsReady())) }
        }
        for t in maintenance { t.cancel() }
        for bus in buses { await bus.close() }
    }

    private func apply(_ e: QueueEvent, buses: [CounterBoardBus], signs: [AlphaSignDriver]) async {
        let center = state.config.center
        guard let cid = e.counter, let counter = center.counter(cid) else { return }
        let counterNo = Int(counter.number) ?? 0
        switch e.kind {
        case .called, .recalled:
            guard let number = e.number else { return }
            let call = HallCall(ticket: number, counter: counterNo, at: e.at)
            hall?.publish(e.kind == .called ? .called(call) : .recalled(call))
            for bus in buses {
                guard let board = bus.board(forCounter: cid) else { continue }
                do { try await board.show(number: number, blink: e.kind == .recalled) } catch {
                    logger.warning("board did not take the number", metadata: ["counter": "\(cid)", "number": "\(number)", "error": "\(error)"])
                }
            }
            let text = state.catalog.text("hall.calling", .vi, ["number": number, "counter": counter.number])
            for sign in signs { try? await sign.show(text, force: e.kind == .recalled) }
        case .counter where e.detail != CounterState.open.rawValue:
            hall?.publish(.counterCleared(counter: counterNo))
            for bus in buses {
                guard let board = bus.board(forCounter: cid) else { continue }
                try? await board.clear()
            }
        default:
            return
        }
    }

    /// The hall's "results ready" list: masked receipt codes only (never names or full codes on a public screen).
    private func resultsReady() async -> [HallResultReady] {
        guard hall != nil, let entries = try? await DossierDesk(state: state, wakeNotifier: {}).ready(limit: 20) else { return [] }
        return entries.map { HallResultReady(maskedCode: $0.maskedCode, counter: nil) }
    }

    static func hallSnapshot(_ e: QueueEngine) -> (HallSnapshot, [String: (String, TicketState)]) {
        let active = e.tickets.values.filter { $0.state == .called || $0.state == .serving }
            .sorted { ($0.calledAt ?? 0) > ($1.calledAt ?? 0) }
        let number: (String?) -> Int = { cid in cid.flatMap { e.center.counter($0) }.flatMap { Int($0.number) } ?? 0 }
        let now = active.map { HallCall(ticket: $0.number, counter: number($0.counter), at: $0.calledAt ?? 0) }
        let recent = e.tickets.values.filter { ($0.state == .done || $0.state == .noShow) && $0.calledAt != nil }
            .sorted { ($0.calledAt ?? 0) > ($1.calledAt ?? 0) }.prefix(8)
            .map { HallCall(ticket: $0.number, counter: number($0.counter), at: $0.calledAt ?? 0) }
        let map = Dictionary(uniqueKeysWithValues: e.tickets.values.map { ($0.id, ($0.service, $0.state)) })
        return (HallSnapshot(nowCalling: now, recent: Array(recent), waiting: waiting(map, e.center), resultsReady: []), map)
    }

    static func waiting(_ tickets: [String: (String, TicketState)], _ center: CenterSetup) -> [HallServiceWaiting] {
        var counts: [String: Int] = [:]
        for (_, v) in tickets where v.1 == .waiting { counts[v.0, default: 0] += 1 }
        return center.services.map { HallServiceWaiting(service: $0.id, nameVi: $0.name[.vi], nameKm: $0.name[.km], waiting: counts[$0.id] ?? 0) }
    }
}

/// Serves the hall display page when [web] is enabled.
struct HallWebService: LifecycleService {
    let server: HallServer
    let logger: Logger
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await server.run(onRunning: { port in Logger(label: "quayd").info("hall display serving", metadata: ["port": "\(port)"]) })
            }
        } catch {
            if Task.isShuttingDownGracefully || Task.isCancelled || error is CancellationError { return }
            // The hall page is a convenience: the queue keeps working without it.
            logger.error("hall display stopped", metadata: ["error": "\(error)"])
        }
    }
}
