import Foundation
import QuayControl
import QuayCore
import QuayDevices

/// reprint, print-test and preview (docs/protocol.md). Without printers they answer `unknown-device`.
extension OpContext {
    func reprint(_ r: ReprintRequest) async throws -> OpOutput {
        let key = r.ticket
        guard let printers else { throw PrinterOps.noPrinter(nil) }
        let ledger = try state.ledger()
        let found = try await ledger.read { e in e.ticket(idOrNumber: key).map { t in (t, e.waitingCount(service: t.service)) } }
        guard let (t, ahead) = found else { throw ControlError(code: "unknown-ticket", message: "no ticket '\(key)' today") }
        let counters = state.config.center.counters.filter { $0.services.contains(t.service) }.map(\.number)
        let out = await printers.print(
            t, IssueContext(waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, kiosk: r.kiosk))
        return .body(IssueBody(ticket: t, waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, print: out))
    }

    func printTest(_ r: PrinterRequest) async throws -> OpOutput {
        guard let printers, let role = r.role ?? printers.defaultRole, let d = printers.drivers[role] else {
            throw PrinterOps.noPrinter(r.role)
        }
        let job = printers.job(
            for: PrinterOps.sample(r, state), IssueContext(waitingAhead: 3, estimatedWaitMinutes: 12, counters: ["1", "2"], kiosk: nil))
        do throws(PrinterError) {
            let receipt = try await d.print(job)
            return .body(PrintTestBody(printer: role, bytes: String(receipt.bytesSent), milliseconds: String(receipt.milliseconds)))
        } catch {
            throw printers.refusal(error)
        }
    }

    func preview(_ r: PrinterRequest) async throws -> OpOutput {
        guard let printers else { throw PrinterOps.noPrinter(r.role) }
        let profileName = state.config.devices.printers.first { $0.role == (r.role ?? printers.defaultRole ?? "") }?.profile ?? "generic-80"
        let profile = state.config.devices.profile(named: profileName) ?? .generic80
        let job = printers.job(
            for: PrinterOps.sample(r, state), IssueContext(waitingAhead: 3, estimatedWaitMinutes: 12, counters: ["1", "2"], kiosk: nil))
        let rendered = TicketRenderer(profile: profile).render(job)
        let png: [UInt8]
        do { png = try PNGWriter.encode(rendered.preview) } catch { throw ControlError(code: "render-failed", message: "\(error)") }
        return .body(
            PreviewBody(
                png: Data(png).base64EncodedString(), bytes: rendered.bytes.count, unknownGlyphs: rendered.unknownGlyphs,
                width: rendered.preview.width, height: rendered.preview.height))
    }
}

enum PrinterOps {
    static func noPrinter(_ role: String?) -> ControlError {
        ControlError(code: "unknown-device", message: role.map { "no printer '\($0)' configured" } ?? "no printer is configured")
    }

    /// A realistic ticket for tests and previews, in the requested language.
    static func sample(_ r: PrinterRequest, _ state: DaemonState) -> Ticket {
        let cfg = state.config
        let lang = r.language
        let svc = cfg.center.services.first!
        var t = Ticket(
            id: "\(cfg.center.site)-T0", service: svc.id, seq: 15, number: svc.displayNumber(15), businessDay: "test",
            priority: nil, language: lang, issuedAt: Date().timeIntervalSince1970)
        if r.priority != nil { t.priority = r.priority }
        return t
    }
}
