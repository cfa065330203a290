import ArgumentParser
import Foundation
import QuayControl

/// `quayctl history`: the audit trail (who changed what, when) as a table, or the raw reply with --json.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Who changed what, when: the audit trail of state-changing ops.",
        discussion: "Technicians and admins see every row; a clerk restricted to counters sees the rows of their counters.")
    @OptionGroup var common: Common
    @Option(help: "A ticket id or today's number (A015).") var ticket: String?
    @Option(help: "A counter id: rows about it or done for it.") var counter: String?
    @Option(help: "A dossier id or receipt code.") var dossier: String?
    @Option(help: "From this time: epoch seconds, YYYY-MM-DD or an ISO 8601 time.") var since: String?
    @Option(help: "Most rows (1-1000, default 100): the newest ones.") var limit: Int?

    func run() throws {
        var args: [String: JSONValue] = .fields([("ticket", ticket), ("counter", counter), ("dossier", dossier), ("since", since)])
        if let limit { args["limit"] = .number(Double(limit)) }
        // With --json the reply line is printed as quayd sent it (and nil comes back).
        guard let body = try common.call("history", args.isEmpty ? [:] : ["args": .object(args)], as: HistoryBody.self) else { return }
        print(Self.table(body))
    }

    static func table(_ body: HistoryBody) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        let rows = body.entries.map { e -> [String] in
            let subject = [e.number ?? e.ticket, e.counter.map { "counter " + $0 }, e.dossier, e.device.map { "device " + $0 }]
                .compactMap { $0 }.joined(separator: " ")
            return [
                f.string(from: Date(timeIntervalSince1970: e.at)), e.op, e.role, e.who, e.actorCounter ?? "-",
                subject.isEmpty ? "-" : subject, e.detail ?? "", e.outcome,
            ]
        }
        var out = Render.table(["Time", "Op", "Role", "Who", "For", "Subject", "Detail", "Outcome"], rows)
        if body.entries.isEmpty { out += "\n(no rows)" }
        if body.more { out += "\n(older rows left out: use --limit or --since)" }
        if let cs = body.counters { out += "\n(only counters \(cs.joined(separator: ", ")))" }
        return out
    }
}
