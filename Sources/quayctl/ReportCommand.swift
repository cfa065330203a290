import ArgumentParser
import Foundation
import QuayControl
import QuayCore
import QuayReports

/// `quayctl report`: the queue and dossier figures of a period from quayd, rendered here: a table, CSV (with BOM),
/// XLSX, the charts as PNG or the one-page monthly PDF. quayd sends figures only; nothing binary crosses the socket.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Queue and dossier report of a day, week, month or range (table, csv, xlsx, pdf, png).",
        discussion: """
            Without a period: the current month. A clerk restricted to counters gets the figures of their counters.
            Examples: quayctl report --month 2026-11 --format pdf,xlsx -o bao-cao-2026-11   (the monthly report: PDF and XLSX)
                      quayctl report --week --format csv --table days
            """)
    @OptionGroup var common: Common
    @Flag(help: "The day of --date (default today).") var day = false
    @Flag(help: "Monday to Sunday of the week of --date (default this week).") var week = false
    @Option(help: "A month YYYY-MM.") var month: String?
    @Option(help: "First day YYYY-MM-DD (with --to).") var from: String?
    @Option(help: "Last day YYYY-MM-DD (with --from; at most 367 days).") var to: String?
    @Option(help: "The reference day of --day and --week (default today).") var date: String?
    @Option(help: "Only this service (id).") var service: String?
    @Option(help: "Only this counter (id).") var counter: String?
    @Option(help: "table, csv, xlsx, pdf or png; several with commas (pdf,xlsx: one file each, one request).")
    var format: String = "table"
    @Option(
        name: .shortAndLong,
        help: "Output file (xlsx, pdf and png default to report-<period>.<ext>); with several formats the name without extension.")
    var output: String?
    @Option(help: "CSV: which table (summary, services, counters, days, hours, dossiers).") var table: String = "services"
    @Option(help: "PNG: one chart (wait, arrivals, on-time) instead of all three.") var chart: String?
    @Option(help: "Labels: vi (default), km or en.") var language: String = "vi"
    @Option(help: "The day the report is made (decides overdue dossiers; default today).") var today: String?

    enum ReportFormat: String, CaseIterable { case table, csv, xlsx, pdf, png }

    func run() throws {
        let period = try ReportArguments.period(day: day, week: week, month: month, from: from, to: to, date: date)
        guard let lang = Language(rawValue: language) else { throw CLIError(message: "--language must be vi, km or en") }
        let formats = try format.split(separator: ",").map { f in
            guard let v = ReportFormat(rawValue: f.trimmingCharacters(in: .whitespaces)) else {
                throw CLIError(message: "--format must be table, csv, xlsx, pdf or png (or several, comma-separated)")
            }
            return v
        }
        guard !formats.isEmpty else { throw CLIError(message: "--format is empty") }
        if formats.contains(.csv), !ReportSheets.keys.contains(table) {
            throw CLIError(message: "--table must be one of \(ReportSheets.keys.joined(separator: ", "))")
        }
        let only = try chart.map { c in
            guard let v = ReportChart(rawValue: c) else { throw CLIError(message: "--chart must be wait, arrivals or on-time") }
            return v
        }
        let args: [String: JSONValue] = .fields([
            ("from", period.from.iso), ("to", period.to.iso), ("service", service), ("counter", counter), ("today", today),
        ])
        guard let body = try common.callArgs(OpCatalog.report.name, args, ["language": .string(lang.rawValue)], as: ReportBody.self)
        else { return }
        let labels = ReportLabels.forLanguage(lang)
        let r = body.report
        let sheets = ReportSheets.all(r, labels)
        for f in formats {
            // One format: -o is the file (stdout for table and csv without it). Several: -o is the name to which
            // each format's extension is added.
            let base = output.map { o in formats.count > 1 ? Self.strippingExtension(o) : o }
            let fallback = "report-\(r.period.from.iso)_\(r.period.to.iso)"
            let path = formats.count > 1 ? (base ?? fallback) + "." + f.rawValue : (base ?? fallback + "." + f.rawValue)
            switch f {
            case .table:
                try emit(Array(ReportText.table(sheets).utf8), to: formats.count > 1 || output != nil ? path : nil)
            case .csv:
                try emit(Array(ReportText.csv(sheets.first { $0.key == table }!).utf8), to: formats.count > 1 || output != nil ? path : nil)
            case .xlsx:
                do { try ReportXLSX.write(sheets, to: path) } catch { throw CLIError(message: error.description) }
                print("Wrote \(path)")
            case .pdf:
                try write(try render { () throws(ReportImage.RenderError) in try ReportImage.pdf(r, labels: labels) }, path)
            case .png:
                try write(try render { () throws(ReportImage.RenderError) in try ReportImage.png(r, labels: labels, only: only) }, path)
            }
        }
    }

    static func strippingExtension(_ path: String) -> String {
        let ext = (path as NSString).pathExtension
        return ReportFormat(rawValue: ext) != nil ? (path as NSString).deletingPathExtension : path
    }

    private func render(_ f: () throws(ReportImage.RenderError) -> [UInt8]) throws -> [UInt8] {
        do { return try f() } catch { throw CLIError(message: error.description) }
    }

    private func emit(_ bytes: [UInt8], to path: String?) throws {
        if let path { try write(bytes, path) } else { FileHandle.standardOutput.write(Data(bytes)) }
    }

    private func write(_ bytes: [UInt8], _ path: String) throws {
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch { throw CLIError(message: "cannot write \(path): \(error)") }
        print("Wrote \(path)")
    }
}

/// The period options of `quayctl report`, checked before anything is sent.
enum ReportArguments {
    static func period(day: Bool, week: Bool, month: String?, from: String?, to: String?, date: String?) throws -> ReportPeriod {
        let chosen = [day, week, month != nil, from != nil || to != nil].filter { $0 }.count
        guard chosen <= 1 else { throw CLIError(message: "choose one of --day, --week, --month, --from/--to") }
        let ref: LocalDate
        if let date {
            guard let d = LocalDate(iso: date) else { throw CLIError(message: "--date must be YYYY-MM-DD") }
            ref = d
        } else {
            ref = LocalDate(epochSeconds: Date().timeIntervalSince1970, utcOffsetSeconds: TimeZone.current.secondsFromGMT())
        }
        if day { return .day(ref) }
        if week { return .week(containing: ref) }
        if let month {
            guard let p = ReportPeriod.month(month) else { throw CLIError(message: "--month must be YYYY-MM") }
            return p
        }
        if from != nil || to != nil {
            guard let f = from.flatMap(LocalDate.init(iso:)), let t = to.flatMap(LocalDate.init(iso:)) else {
                throw CLIError(message: "--from and --to must both be dates YYYY-MM-DD")
            }
            guard let p = ReportPeriod(from: f, to: t) else {
                throw CLIError(message: "--to must be on or after --from, at most \(ReportPeriod.maxDays) days later")
            }
            return p
        }
        return ReportPeriod.month(year: ref.year, month: ref.month)!
    }
}
