import Foundation
import Logging
import QuayControl
import QuayCore
import ServiceLifecycle

/// In the demo, plays kiosk and clerks: citizens take tickets (some Khmer, some priority) and counters call them,
/// so a newcomer sees numbers issued, printed and called without any hardware.
struct DemoTraffic: LifecycleService {
    let state: DaemonState
    let dispatcher: OpDispatcher
    let logger: Logger

    func run() async throws {
        var rng = SystemRandomNumberGenerator()
        var tick = 0
        try? await Task.sleep(for: .seconds(1))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            tick += 1
            let cfg = state.config
            if tick % 10 == 0 {
                await dossierRound(tick)
            } else if tick % 2 == 1 {
                let svc = cfg.center.services.randomElement(using: &rng)!
                let lang: Language = Int.random(in: 0..<10, using: &rng) < 3 ? .km : (Int.random(in: 0..<10, using: &rng) == 0 ? .en : .vi)
                let prio = Int.random(in: 0..<5, using: &rng) == 0 ? cfg.center.priorities.randomElement(using: &rng)?.id : nil
                if let v = await reply(OpCatalog.issue, IssueRequest(service: svc.id, language: lang, priority: prio), IssueBody.self) {
                    let (number, ahead) = (v.ticket.number, v.waitingAhead)
                    let printed = v.print.map { $0.ok ? "printed" : "NOT printed" } ?? "no printer"
                    logger.info(
                        "demo: ticket issued",
                        metadata: [
                            "number": "\(number)", "service": "\(svc.name[.vi])", "language": "\(lang.rawValue)",
                            "priority": "\(prio ?? "-")", "ahead": "\(ahead)", "print": "\(printed)",
                        ])
                }
            } else {
                let counter = cfg.center.counters.randomElement(using: &rng)!
                if let t = await reply(OpCatalog.callNext, CounterRequest(counter: counter.id), TicketBody.self)?.ticket {
                    let (number, lang) = (t.number, t.language)
                    logger.info(
                        "demo: \(state.catalog.text("hall.calling", .vi, ["number": number, "counter": counter.number]))",
                        metadata: [
                            "km": "\(state.catalog.text("hall.calling", .km, ["number": number, "counter": counter.number]))",
                            "citizen-language": "\(lang.rawValue)",
                        ])
                }
            }
            try? await Task.sleep(for: .milliseconds(1500))
        }
    }

    /// Every few rounds a clerk registers a dossier, it becomes result-ready (hall list + notifier), and the
    /// citizen scans the receipt at the kiosk for a return ticket.
    private func dossierRound(_ tick: Int) async {
        let code = String(format: "HS-2026-%06d", tick)
        let names = ["Nguyễn Văn Ánh", "Thạch Thị Sa Phol", "Lê Thị Hoa", "Danh Sóc Kha"]
        let create = DossierCreateRequest(
            receiptCode: code, procedure: "1.001612", procedureName: "Đăng ký khai sinh",
            appointmentDate: LocalDate(iso: "2030-01-15")!, citizenName: names[tick / 10 % names.count])
        guard await reply(OpCatalog.dossierCreate, create, DossierBody.self) != nil else { return }
        let ready = DossierUpdateRequest(dossier: code, status: .resultReady)
        guard await reply(OpCatalog.dossierUpdate, ready, DossierBody.self) != nil else { return }
        logger.info("demo: dossier result ready", metadata: ["receipt": "\(code)"])
        let scan = IssueReturnRequest(code: code, language: tick % 20 == 0 ? .km : .vi)
        if let number = await reply(OpCatalog.issueReturn, scan, IssueReturnBody.self)?.ticket.number {
            logger.info(
                "demo: receipt scanned at the kiosk, return ticket issued", metadata: ["receipt": "\(code)", "number": "\(number)"])
        }
    }

    /// The op as the demo's caller, through the same dispatch as every client; nil when refused.
    private func reply<Q: OpRequest, B>(_ spec: OpSpec, _ q: Q, _ type: B.Type) async -> B? {
        try? await dispatcher.call(spec, q, as: .demo, expecting: B.self).get()
    }
}
