import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices

/// Decides what a scan means and acts on it: a dossier receipt scanned at a kiosk issues a return ticket (the same
/// `issue-return` op a kiosk screen would send, printed on that kiosk's printer); a Quay ticket QR is looked up; a
/// CCCD QR yields the citizen's age for the kiosk screen (priority for the elderly) and nothing else is kept.
/// Every outcome is published on the scan feed (`watch`), so the kiosk screen can show it in the citizen's language.
struct ScanRouter: Sendable {
    let state: DaemonState
    let dispatcher: OpDispatcher
    let logger: Logger

    func handle(_ reading: ScannerReading, kiosk: String?) async {
        var e = ScanEvent(role: reading.role, kiosk: kiosk, kind: "unreadable", at: Date().timeIntervalSince1970)
        guard let text = reading.text else {
            e.reason = reading.problem ?? "unreadable"
            logger.warning("scan dropped", metadata: ["role": "\(reading.role)", "reason": "\(e.reason ?? "")"])
            return state.scans.publish(e)
        }
        let payload = ScanPayload.classify(text)
        e.kind = payload.kind
        switch payload {
        case .receipt(let code):
            e.result = await issueReturn(code: code, kiosk: kiosk, role: reading.role)
            // The ticket number, never the receipt code (it identifies a citizen's dossier).
            logger.info(
                "receipt scanned",
                metadata: [
                    "role": "\(reading.role)", "ok": "\(e.result?.ok == true)",
                    "ticket": "\(e.result?.ticket?.number ?? e.result?.error?.code ?? "-")",
                ])
        case .ticket(let t):
            let found = try? await state.ledger().read { engine in engine.ticket(idOrNumber: t.ticketID) }
            if let found { e.ticket = found } else { e.reason = "ticket \(t.number) is not from today" }
        case .cccd(let card):
            e.idLast4 = card.idLast4
            let clock = state.config.center.clock
            let offset = clock.timeZone.secondsFromGMT()
            let age = card.age(on: LocalDate(epochSeconds: Date().timeIntervalSince1970, utcOffsetSeconds: offset))
            e.age = age
            if age >= Self.elderlyAge, state.config.center.priorities.contains(where: { $0.id == "elderly" }) {
                e.suggestedPriority = "elderly"
            }
        case .unreadable(let reason):
            e.reason = reason
        }
        state.scans.publish(e)
    }

    /// The same `issue-return` a kiosk screen sends, as this scanner (kiosk role), answered in-process.
    private func issueReturn(code: String, kiosk: String?, role: String) async -> ScanReturnResult {
        let q = IssueReturnRequest(code: code, kiosk: kiosk)
        return ScanReturnResult(await dispatcher.call(OpCatalog.issueReturn, q, as: .scanner(role), expecting: IssueReturnBody.self))
    }

    /// Vietnamese law (Luật Người cao tuổi 2009) counts citizens from 60 as elderly.
    static let elderlyAge = 60
}
