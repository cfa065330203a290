import Foundation
import QuayControl
import QuayCore
import QuayDevices

/// reprint, print-test and preview (docs/protocol.md).
enum PrinterOps {
    static func install(_ printers: Printers, into hooks: inout DaemonHooks, state: DaemonState) {
        // `issue` runs on a connection's event loop (ControlServer.shortOps); printer work (status query,
        // rendering, writing) must not, so these hooks leave it for the global executor.
        hooks.printerPrecheck = { kiosk in
            await withTaskExecutorPreference(globalConcurrentExecutor) { await printers.precheck(kiosk: kiosk) }
        }
        hooks.printTicket = { t, ctx in
            await withTaskExecutorPreference(globalConcurrentExecutor) { await printers.print(t, ctx) }
        }
        hooks.extraOps["reprint"] = { r, _ in
            guard let key = r.ticket else { return .line(Wire.error(r.id, .missingField("ticket", op: r.op))) }
            let ledger = try state.ledger()
            let found = try await ledger.read { e in e.ticket(idOrNumber: key).map { t in (t, e.waitingCount(service: t.service)) } }
            guard let (t, ahead) = found else { return .line(Wire.error(r.id, ControlError(code: "unknown-ticket", message: "no ticket '\(key)' today"))) }
            let counters = state.config.center.counters.filter { $0.services.contains(t.service) }.map(\.number)
            let out = await printers.print(t, IssueContext(waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, kiosk: r.args?.kiosk))
            return .line(Wire.ok(r.id, IssueBody(ticket: t, waitingAhead: ahead, estimatedWaitMinutes: nil, counters: counters, print: out)))
        }
        hooks.extraOps["print-test"] = { r, _ in
            let role = r.role ?? printers.defaultRole
            guard let role, let d = printers.drivers[role] else {
                return .line(Wire.error(r.id, ControlError(code: "unknown-device", message: "no printer '\(r.role ?? "")' configured")))
            }
            let job = printers.job(for: sample(r, state), IssueContext(waitingAhead: 3, estimatedWaitMinutes: 12, counters: ["1", "2"], kiosk: nil))
            do throws(PrinterError) {
                let receipt = try await d.print(job)
                return .line(Wire.ok(r.id, ["printer": role, "bytes": String(receipt.bytesSent), "milliseconds": String(receipt.milliseconds)]))
            } catch {
                let e = printers.refusal(error)
                return .line(Wire.error(r.id, e))
            }
        }
        hooks.extraOps["preview"] = { r, _ in
            let profileName = state.config.devices.printers.first { $0.role == (r.role ?? printers.defaultRole ?? "") }?.profile ?? "generic-80"
            let profile = state.config.devices.profile(named: profileName) ?? .generic80
            let job = printers.job(for: sample(r, state), IssueContext(waitingAhead: 3, estimatedWaitMinutes: 12, counters: ["1", "2"], kiosk: nil))
            let rendered = TicketRenderer(profile: profile).render(job)
            let path = NSTemporaryDirectory() + "quay-preview-\(UUID().uuidString).png"
            defer { try? FileManager.default.removeItem(atPath: path) }
            do { try PNGWriter.write(rendered.preview, to: path) } catch {
                return .line(Wire.error(r.id, ControlError(code: "render-failed", message: "\(error)")))
            }
            let png = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            return .line(Wire.ok(r.id, PreviewBody(png: png.base64EncodedString(), bytes: rendered.bytes.count, unknownGlyphs: rendered.unknownGlyphs,
                                                   width: rendered.preview.width, height: rendered.preview.height)))
        }
    }

    /// A realistic ticket for tests and previews, in the requested language.
    static func sample(_ r: Request, _ state: DaemonState) -> Ticket {
        let cfg = state.config
        let lang = r.language.flatMap(Language.init(rawValue:)) ?? .vi
        let svc = cfg.center.services.first!
        var t = Ticket(id: "\(cfg.center.site)-T0", service: svc.id, seq: 15, number: svc.displayNumber(15), businessDay: "test",
                       priority: nil, language: lang, issuedAt: Date().timeIntervalSince1970)
        if r.priority != nil { t.priority = r.priority }
        return t
    }
}

struct PreviewBody: Encodable, Sendable {
    var png: String
    var bytes: Int
    var unknownGlyphs: Int
    var width: Int
    var height: Int
}
