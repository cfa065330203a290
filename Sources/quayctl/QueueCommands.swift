import ArgumentParser
import Foundation
import QuayControl
import QuayCore

struct Ping: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check that quayd answers; print its version.")
    @OptionGroup var common: Common
    func run() throws {
        guard let r = try common.call("ping", as: PingBody.self) else { return }
        print("quayd \(r.version) site=\(r.site) store=\(r.store) uptime=\(r.uptimeSeconds)s")
    }
}

struct Issue: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Issue a ticket (as a kiosk would).")
    @OptionGroup var common: Common
    @Argument(help: "Service id (see `quayctl config`).") var service: String
    @Option(help: "Priority class id (elderly, disability, pregnant-child, merit…).") var priority: String?
    @Option(help: "Citizen language: vi, km or en.") var lang: String = "vi"
    @Option(help: "Kiosk id (selects the printer).") var kiosk: String?
    func run() throws {
        var f = [String: JSONValue].fields([("service", service), ("priority", priority), ("language", lang)])
        if let kiosk { f["args"] = .object(["kiosk": .string(kiosk)]) }
        guard let r = try common.call("issue", f, as: IssueBody.self) else { return }
        print(
            "Ticket \(r.ticket.number) issued — \(r.waitingAhead) waiting ahead"
                + (r.estimatedWaitMinutes.map { ", about \($0) min" } ?? ""))
        if let p = r.print, !p.ok {
            print("Printer \(p.printer): \(p.code ?? "?") — \(p.message ?? "")")
        }
    }
}

struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Call the next citizen to a counter.")
    @OptionGroup var common: Common
    @Argument(help: "Counter id.") var counter: String
    func run() throws {
        guard let r = try common.call("call-next", .fields([("counter", counter)]), as: TicketBody.self) else { return }
        print("Calling \(Render.ticketLine(r.ticket))")
    }
}

/// The counter a clerk acts for and, optionally, which of its tickets.
struct CounterTicket: ParsableArguments {
    @Argument(help: "Counter id.") var counter: String
    @Option(help: "Ticket id or number (default: the counter's current ticket).") var ticket: String?
}

/// recall, start-serving, done, no-show, return share one shape.
protocol CounterActionCommand: ParsableCommand {
    var common: Common { get }
    var target: CounterTicket { get }
    static var op: String { get }
    static var verb: String { get }
}

extension CounterActionCommand {
    func run() throws {
        guard let r = try common.call(Self.op, .fields([("counter", target.counter), ("ticket", target.ticket)]), as: TicketBody.self)
        else { return }
        print("\(Self.verb): \(Render.ticketLine(r.ticket))")
    }
}

struct Recall: CounterActionCommand {
    static let configuration = CommandConfiguration(abstract: "Call the counter's current citizen again (no-show after too many recalls).")
    static let op = "recall", verb = "Recalled"
    @OptionGroup var common: Common
    @OptionGroup var target: CounterTicket
}

struct Serve: CounterActionCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "The called citizen arrived: start serving.")
    static let op = "start-serving", verb = "Serving"
    @OptionGroup var common: Common
    @OptionGroup var target: CounterTicket
}

struct Done: CounterActionCommand {
    static let configuration = CommandConfiguration(abstract: "Finish serving the counter's current citizen.")
    static let op = "done", verb = "Done"
    @OptionGroup var common: Common
    @OptionGroup var target: CounterTicket
}

struct NoShow: CounterActionCommand {
    static let configuration = CommandConfiguration(commandName: "no-show", abstract: "Mark the called citizen as not present.")
    static let op = "no-show", verb = "No-show"
    @OptionGroup var common: Common
    @OptionGroup var target: CounterTicket
}

struct Return: CounterActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "return", abstract: "Put the counter's current ticket back in the queue at its place.")
    static let op = "return", verb = "Returned to queue"
    @OptionGroup var common: Common
    @OptionGroup var target: CounterTicket
}

struct Transfer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send a ticket to another service or counter; it keeps its original waiting time.")
    @OptionGroup var common: Common
    @Argument(help: "Ticket id or number.") var ticket: String
    @Option(name: .customLong("to-service"), help: "Target service id.") var toService: String?
    @Option(name: .customLong("to-counter"), help: "Target counter id.") var toCounter: String?
    @Option(help: "Counter doing the transfer.") var counter: String?
    func validate() throws {
        if toService == nil && toCounter == nil { throw ValidationError("give --to-service or --to-counter") }
    }
    func run() throws {
        guard
            let r = try common.call(
                "transfer", .fields([("ticket", ticket), ("toService", toService), ("toCounter", toCounter), ("counter", counter)]),
                as: TicketBody.self)
        else { return }
        print("Transferred: \(Render.ticketLine(r.ticket))")
    }
}
