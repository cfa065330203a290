import ArgumentParser
import Foundation
import QuayControl
import QuayCore

/// `quayctl post handover|batch`: results sent by post (bưu chính công ích).
struct PostCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post", abstract: "Post-office returns: hand results to postal staff in a batch, show or reprint a batch.",
        discussion: """
            Delivery and return-to-sender are dossier statuses: `quayctl dossier update CODE delivered` or \
            `… returned-to-sender` (a result back at the center can be collected at a counter or posted again).
            """,
        subcommands: [PostHandoverCmd.self, PostBatchCmd.self])
}

enum PostRender {
    static func print(_ r: PostalBatchBody) {
        let b = r.batch
        Swift.print("Batch \(b.id): \(b.items.count) result(s)" + (b.counter.map { " at counter \($0)" } ?? ""))
        for i in b.items {
            Swift.print("  \(i.receiptCode)  \(i.trackingNumber)  [\(i.status.rawValue)]  \(i.citizenName)")
        }
        if let p = r.print {
            Swift.print(p.ok ? "Slip printed on \(p.printer)." : "Slip NOT printed on \(p.printer): \(p.message ?? p.code ?? "error")")
        }
    }
}

struct PostHandoverCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover", abstract: "Hand ready results to postal staff: one batch, one slip.",
        discussion: "Each result is DOSSIER=TRACKING: a receipt code or dossier id and the post's tracking number.")
    @OptionGroup var common: Common
    @Argument(help: "DOSSIER=TRACKING, at most 200.") var items: [String]
    @Option(help: "Counter where the hand-over happens.") var counter: String?
    @Option(help: "Printer role for the slip (default printer when absent).") var printer: String?
    func run() throws {
        var list: [JSONValue] = []
        for i in items {
            let parts = i.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CLIError(message: "'\(i)' is not DOSSIER=TRACKING (e.g. 000.00.12.H56-261201-0001=EA123456789VN)")
            }
            list.append(.object(["dossier": .string(parts[0]), "tracking": .string(parts[1])]))
        }
        var args: [String: JSONValue] = ["items": .array(list)]
        if let printer { args["printer"] = .string(printer) }
        guard let r = try common.callArgs("post-handover", args, .fields([("counter", counter)]), as: PostalBatchBody.self) else {
            return
        }
        PostRender.print(r)
    }
}

struct PostBatchCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Show a postal batch; --reprint prints its slip again.")
    @OptionGroup var common: Common
    @Argument(help: "Batch id, e.g. xa-an-phu-P3.") var batch: String
    @Flag(help: "Print the slip again.") var reprint = false
    @Option(help: "Printer role for --reprint (default printer when absent).") var printer: String?
    func run() throws {
        var args: [String: JSONValue] = ["batch": .string(batch)]
        if reprint { args["printer"] = .string(printer ?? "") }
        guard let r = try common.callArgs("post-batch", args, as: PostalBatchBody.self) else { return }
        PostRender.print(r)
    }
}
