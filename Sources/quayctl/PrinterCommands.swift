import ArgumentParser
import Foundation
import QuayControl

struct PrintTest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "print-test", abstract: "Print a test ticket on a printer.")
    @OptionGroup var common: Common
    @Option(help: "Printer role (default: the kiosk's default printer).") var printer: String?
    @Option(help: "Language of the test ticket: vi, km or en.") var lang: String = "vi"
    func run() throws {
        let r = try common.call("print-test", .fields([("role", printer), ("language", lang)]))
        if common.json { return print(Render.json(r)) }
        print("Test ticket printed on \(r["printer"]?.string ?? "?") (\(r["bytes"]?.string ?? "?") bytes, \(r["milliseconds"]?.string ?? "?") ms)")
    }
}

struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render a sample ticket exactly as it would print, as PNG on stdout: `quayctl preview --lang km > ticket.png`.")
    @OptionGroup var common: Common
    @Option(help: "Printer role whose profile (paper width) to use.") var printer: String?
    @Option(help: "Language: vi, km or en.") var lang: String = "vi"
    func run() throws {
        let r = try common.call("preview", .fields([("role", printer), ("language", lang)]))
        if common.json { return print(Render.json(r)) }
        guard let b64 = r["png"]?.string, let png = Data(base64Encoded: b64) else { throw CLIError(message: "no image in reply") }
        FileHandle.standardOutput.write(png)
        FileHandle.standardError.write(Data("\(Int(r["width"]?.number ?? 0))x\(Int(r["height"]?.number ?? 0)) px, \(Int(r["bytes"]?.number ?? 0)) bytes to the printer, \(Int(r["unknownGlyphs"]?.number ?? 0)) missing glyphs\n".utf8))
    }
}

struct Reprint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a ticket again (after paper out or an unplugged printer).")
    @OptionGroup var common: Common
    @Argument(help: "Ticket id or number.") var ticket: String
    func run() throws {
        let r = try common.call("reprint", .fields([("ticket", ticket)]))
        if common.json { return print(Render.json(r)) }
        let ok = r["print"]?["ok"]?.bool ?? false
        print(ok ? "Reprinted \(r["ticket"]?["number"]?.string ?? ticket)" : "Not printed: \(r["print"]?["message"]?.string ?? "no printer")")
        if !ok { throw ExitCode(1) }
    }
}
