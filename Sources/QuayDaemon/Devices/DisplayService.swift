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

    let boards: [BoardBusSlot]
    let signs: [SignSlot]

    func run() async throws {
        guard let ledger = state.ledgerIfOpen else { return }
        let (stream, cont) = AsyncStream<Mutation>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let (token, (snap, showing)) = try await ledger.subscribe(
            snapshot: { (Self.hallSnapshot($0), Self.boardNumbers($0)) },
            observer: { cont.yield($0) })
        defer { ledger.unsubscribe(token) }
        // After a restart the boards show what their counters are serving, not blank.
        for (counter, number) in showing {
            for bus in boards { try? await bus.show(counter: counter, number: number, blink: false) }
        }
        var first = snap.0
        first.resultsReady = await showResultsReady()
        first.texts = WebWiring.hallTexts(state.catalog)
        hall?.publish(.snapshot(first))
        let initial = snap.1

        var tickets = initial
        for await m in stream.cancelOnGracefulShutdown() {
            for t in m.tickets { tickets[t.id] = (t.service, t.state) }
            for e in m.events { await apply(e) }
            if m.events.contains(where: { $0.kind != .counter }) { hall?.publish(.waiting(Self.waiting(tickets, state.config.center))) }
            if m.events.contains(where: { $0.kind == .dayRollover }) { tickets = [:] }
            if m.events.contains(where: { $0.kind == .dossier }) {
                let list = await showResultsReady()
                hall?.publish(.resultsReady(list))
            }
        }
    }

    private func apply(_ e: QueueEvent) async {
        let center = state.config.center
        guard let cid = e.counter, let counter = center.counter(cid) else { return }
        let counterNo = Int(counter.number) ?? 0
        switch e.kind {
        case .called, .recalled:
            guard let number = e.number else { return }
            let call = HallCall(ticket: number, counter: counterNo, at: e.at)
            hall?.publish(e.kind == .called ? .called(call) : .recalled(call))
            // A return ticket (a citizen collecting a result) blinks, as a recall does.
            let blink = e.kind == .recalled || (e.service != nil && e.service == state.config.dossiers.returnService)
            for bus in boards {
                do { try await bus.show(counter: cid, number: number, blink: blink) } catch {
                    logger.warning(
                        "board did not take the number", metadata: ["counter": "\(cid)", "number": "\(number)", "error": "\(error)"])
                }
            }
            let text = state.catalog.text("hall.calling", .vi, ["number": number, "counter": counter.number])
            for sign in signs { await sign.show(text, force: e.kind == .recalled) }
        case .counter where e.detail != CounterState.open.rawValue:
            hall?.publish(.counterCleared(counter: counterNo))
            for bus in boards { try? await bus.clear(counter: cid) }
        default:
            return
        }
    }

    /// Reads the ready dossiers once (as many as the larger list needs) and derives both lists from them: the
    /// hall's (the 20 oldest, masked receipt codes only — never names or full codes on a public screen), returned,
    /// and the results-ready line of the hall signs that show one (the first 6: "*1234 N.V.A, …"), sent here.
    private func showResultsReady() async -> [HallResultReady] {
        let showing = signs.filter(\.config.resultsReady)
        let limit = max(hall == nil ? 0 : Self.hallResultsLimit, showing.isEmpty ? 0 : Self.signResultsLimit)
        guard limit > 0 else { return [] }
        let entries = (try? await DossierDesk(state: state).ready(limit: limit)) ?? []
        if !showing.isEmpty {
            let codes = entries.prefix(Self.signResultsLimit).map {
                $0.maskedCode.replacingOccurrences(of: "•", with: "").trimmingCharacters(in: .whitespaces)
            }
            let line =
                codes.isEmpty
                ? nil : state.catalog.text("sign.results-ready", .vi, ["codes": codes.map { "*" + $0 }.joined(separator: ", ")])
            for sign in showing { await sign.showResultsReady(line) }
        }
        guard hall != nil else { return [] }
        return entries.prefix(Self.hallResultsLimit).map { HallResultReady(maskedCode: $0.maskedCode, counter: nil) }
    }

    static let hallResultsLimit = 20
    static let signResultsLimit = 6

    /// Counter id -> number its board should show: the ticket it has called or is serving.
    static func boardNumbers(_ e: QueueEngine) -> [String: String] {
        var out: [String: String] = [:]
        for c in e.center.counters { if let t = e.current(at: c.id) { out[c.id] = t.number } }
        return out
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
        return center.services.map {
            HallServiceWaiting(service: $0.id, nameVi: $0.name[.vi], nameKm: $0.name[.km], waiting: counts[$0.id] ?? 0)
        }
    }
}
