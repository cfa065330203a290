import ArgumentParser
import Foundation
import QuayControl

struct PrintTest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "print-test", abstract: "Print a test ticket on a printer.")
    @OptionGroup var common: Common
    @Option(help: "Printer role (default: the kiosk's default printer).") var printer: String?
    @Option(help: "Language of the test ticket: vi, km or en.") var lang: String = "vi"
    func run() throws {
        guard let r = try common.call("print-test", .fields([("role", printer), ("language", lang)]), as: PrintTestBody.self) else {
            return
        }
        print("Test ticket printed on \(r.printer) (\(r.bytes) bytes, \(r.milliseconds) ms)")
    }
}

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a sample ticket exactly as it would print, as PNG on stdout: `quayctl preview --lang km > ticket.png`.")
    @OptionGroup var common: Common
    @Option(help: "Printer role whose profile (paper width) to use.") var printer: String?
    @Option(help: "Language: vi, km or en.") var lang: String = "vi"
    func run() throws {
        guard let r = try common.call("preview", .fields([("role", printer), ("language", lang)]), as: PreviewBody.self) else { return }
        guard let png = Data(base64Encoded: r.png) else { throw CLIError(message: "no image in reply") }
        FileHandle.standardOutput.write(png)
        FileHandle.standardError.write(
            Data("\(r.width)x\(r.height) px, \(r.bytes) bytes to the printer, \(r.unknownGlyphs) missing glyphs\n".utf8))
    }
}

struct Reprint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a ticket again (after paper out or an unplugged printer).")
    @OptionGroup var common: Common
    @Argument(help: "Ticket id or number.") var ticket: String
    func run() throws {
        guard let r = try common.call("reprint", .fields([("ticket", ticket)]), as: IssueBody.self) else { return }
        let ok = r.print?.ok ?? false
        print(ok ? "Reprinted \(r.ticket.number)" : "Not printed: \(r.print?.message ?? "no printer")")
        if !ok { throw ExitCode(1) }
    }
}
