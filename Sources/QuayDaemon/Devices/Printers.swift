import Foundation
import Logging
import QuayControl
import QuayCore
import QuayDevices
import QuaySystem

/// Ticket printers: which printer serves which kiosk, the status check before a number is taken, and the
/// print after commit. A number is only allocated when the printer says it can print (paper out, cover open,
/// offline or unplugged refuse the issue with a message in every language). If printing fails after the
/// number was committed (unplugged mid-ticket), the ticket stays valid, the reply says `print.ok = false`
/// with the number to tell the citizen, and `reprint` prints it again.
final class Printers: Sendable {
    let drivers: [String: PrinterDriver]
    /// Transports of printers bound by a udev matcher, for `DeviceManager` to attach and detach.
    let hotplug: [String: HotplugTransport]
    let byKiosk: [String: String]
    let defaultRole: String?
    let state: DaemonState

    init(config: [DevicesConfig.Printer], profiles: DevicesConfig, state: DaemonState) {
        var d: [String: PrinterDriver] = [:]
        var h: [String: HotplugTransport] = [:]
        var k: [String: String] = [:]
        for p in config {
            let profile = profiles.profile(named: p.profile) ?? .generic80
            let transport: any PrinterTransport
            if DevicesConfig.isMatcher(p.match) {
                let baud = p.baud ?? profile.baudRate ?? 9600, flow = Self.flow(p)
                let t = HotplugTransport(label: p.match) { node in PrinterTransports.make(node: node, baud: baud, flow: flow) }
                h[p.role] = t
                transport = t
            } else {
                transport = Self.transport(p)
            }
            d[p.role] = PrinterDriver(role: p.role, profile: profile, transport: transport, registry: state.registry, logger: state.logger)
            if let kiosk = p.kiosk { k[kiosk] = p.role }
        }
        drivers = d
        hotplug = h
        byKiosk = k
        defaultRole = config.first { $0.kiosk == nil || $0.kiosk == "" }?.role ?? config.first?.role
        self.state = state
    }

    /// A printer configured by path: `/dev/usb/lp*` → usblp; `usb:VVVV:PPPP` → libusb bulk; a tty or pty → serial.
    static func transport(_ p: DevicesConfig.Printer) -> any PrinterTransport {
        PrinterTransports.make(node: p.match, baud: p.baud ?? 9600, flow: flow(p))
    }

    static func flow(_ p: DevicesConfig.Printer) -> SerialPort.FlowControl {
        switch p.flow {
        case "xonxoff": .xonxoff
        case "none": .none
        default: .rtscts
        }
    }

    func driver(kiosk: String?) -> PrinterDriver? {
        if let kiosk, let role = byKiosk[kiosk] { return drivers[role] }
        return defaultRole.flatMap { drivers[$0] }
    }

    func registerHealth(_ config: [DevicesConfig.Printer]) async {
        // Matcher-bound printers are registered (absent until plugged in) by the DeviceManager.
        for p in config where !DevicesConfig.isMatcher(p.match) {
            await state.registry.register(DeviceHealth(role: p.role, kind: "printer", matcher: p.match, devnode: p.match))
        }
    }

    func refusal(_ e: PrinterError, number: String? = nil) -> ControlError {
        var citizen = state.citizenText(e.messageKey)
        if let number {
            let kept = state.citizenText("printer.number-kept", ["number": number])
            for (k, v) in kept { citizen[k] = (citizen[k] ?? "") + " " + v }
        }
        return ControlError(code: e.code, message: e.description, citizen: citizen)
    }

    /// Before allocating a number: may this kiosk's printer print?
    func precheck(kiosk: String?) async -> ControlError? {
        guard let d = driver(kiosk: kiosk) else { return nil }
        return await d.refusalBeforeIssue().map { refusal($0) }
    }

    func print(_ t: Ticket, _ ctx: IssueContext) async -> PrintOutcome? {
        guard let d = driver(kiosk: ctx.kiosk) else { return nil }
        let job = job(for: t, ctx)
        do {
            let r = try await d.print(job)
            return PrintOutcome(
                ok: true, printer: d.role, code: r.conditionAfter == .paperNearEnd ? "paper-near-end" : nil, message: nil, citizen: nil)
        } catch {
            let e = refusal(error, number: t.number)
            state.logger.error("ticket not printed", metadata: ["ticket": "\(t.number)", "printer": "\(d.role)", "error": "\(error)"])
            return PrintOutcome(ok: false, printer: d.role, code: e.code, message: e.message, citizen: e.citizen)
        }
    }

    /// The print job for a ticket, every line in the citizen's language.
    func job(for t: Ticket, _ ctx: IssueContext) -> TicketPrintJob {
        let cfg = state.config
        let cat = state.catalog
        let lang = t.language
        let service = cfg.center.service(t.service)
        let f = DateFormatter()
        f.timeZone = cfg.center.clock.timeZone
        f.locale = Locale(identifier: lang.rawValue)
        f.dateFormat = "dd/MM/yyyy HH:mm"
        let time = f.string(from: Date(timeIntervalSince1970: t.issuedAt))
        let texts = TicketPrintJob.Texts(
            waitingAhead: cat.text("ticket.waiting-ahead", lang, ["count": String(ctx.waitingAhead)]),
            estimatedWait: ctx.estimatedWaitMinutes.map { cat.text("ticket.estimated-wait", lang, ["minutes": String($0)]) },
            counters: ctx.counters.isEmpty ? nil : cat.text("ticket.counters", lang, ["counters": ctx.counters.joined(separator: ", ")]),
            issuedAt: cat.text("ticket.issued-at", lang, ["time": time]),
            footer: cat.text("ticket.footer", lang), qrCaption: phoneURL(ctx).map(Self.shortURL))
        return TicketPrintJob(
            centerName: cfg.center.name[lang], serviceName: service?.name[lang] ?? t.service, number: t.number,
            priorityMark: t.priority.map { _ in cat.text("ticket.priority", lang) },
            issuedAt: Date(timeIntervalSince1970: t.issuedAt), waitingAhead: ctx.waitingAhead,
            estimatedWaitMinutes: ctx.estimatedWaitMinutes, counters: ctx.counters,
            qrPayload: phoneURL(ctx) ?? TicketCode(ticketID: t.id, number: t.number).text, language: lang.rawValue, texts: texts)
    }

    /// The ticket's phone page (`[web] public_url` + `/t/TOKEN`) when it has a follow token and the center has said
    /// where phones reach quayd; nil otherwise (the QR then carries the scanner code `QUAY1|…`).
    func phoneURL(_ ctx: IssueContext) -> String? {
        guard let token = ctx.follow, state.config.web.enabled, var base = state.config.web.publicURL else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/t/" + token
    }

    /// What is printed under the QR for a phone without a camera app: the address without `http://`.
    static func shortURL(_ url: String) -> String {
        for scheme in ["https://", "http://"] where url.hasPrefix(scheme) { return String(url.dropFirst(scheme.count)) }
        return url
    }
}
