import ArgumentParser
import Foundation
import QuayControl
import QuayCore

/// `quayctl dossier create|update|get|import|stats|ready|outbox`.
struct DossierCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier", abstract: "Dossiers (hồ sơ): create, change status, look up, import CSV, statistics, results-ready list.",
        subcommands: [
            DossierCreate.self, DossierUpdate.self, DossierGet.self, DossierImport.self, DossierStatsCmd.self, DossierReady.self,
            DossierOutbox.self,
        ])
}

extension Common {
    /// `call` with the op's fields in `args` (and `extra` beside them).
    func callArgs<B: Decodable>(_ op: String, _ args: [String: JSONValue], _ extra: [String: JSONValue] = [:], as type: B.Type) throws -> B?
    {
        var f = extra
        f["args"] = .object(args)
        return try call(op, f, as: type)
    }
}

enum DossierRender {
    static func line(_ d: Dossier) -> String {
        "\(d.id) \(d.receiptCode) [\(d.status.rawValue)] \(d.procedure) appointment=\(d.appointmentDate.iso) citizen=\(d.citizenName)"
    }
}

struct DossierCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Register a dossier received at a counter.")
    @OptionGroup var common: Common
    @Argument(help: "Receipt code (mã biên nhận).") var receiptCode: String
    @Option(help: "Procedure code (mã thủ tục).") var procedure: String
    @Option(help: "Procedure name.") var procedureName: String?
    @Option(help: "Appointment date YYYY-MM-DD (ngày hẹn trả).") var appointment: String
    @Option(help: "Citizen name.") var name: String
    @Option(help: "Citizen phone.") var phone: String?
    @Option(help: "Return channel: at-center, at-secondary-point, by-post.") var channel: String?
    @Option(help: "Queue service handling it.") var service: String?
    @Option(help: "Receiving counter.") var counter: String?
    @Option(help: "Note.") var note: String?
    func run() throws {
        let args = [String: JSONValue].fields([
            ("receiptCode", receiptCode), ("procedure", procedure), ("procedureName", procedureName),
            ("appointmentDate", appointment), ("citizenName", name), ("citizenPhone", phone),
            ("returnChannel", channel), ("service", service), ("note", note),
        ])
        guard let r = try common.callArgs("dossier-create", args, .fields([("counter", counter)]), as: DossierBody.self) else { return }
        print("Created \(DossierRender.line(r.dossier))")
    }
}

struct DossierUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a dossier's status (processing, result-ready, returned…).")
    @OptionGroup var common: Common
    @Argument(help: "Receipt code or dossier id.") var dossier: String
    @Argument(help: "New status.") var status: String
    @Option(help: "Note.") var note: String?
    func run() throws {
        guard
            let r = try common.callArgs(
                "dossier-update", .fields([("dossier", dossier), ("status", status), ("note", note)]), as: DossierBody.self)
        else { return }
        print("Updated \(DossierRender.line(r.dossier))")
    }
}

struct DossierGet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a dossier and its status history.")
    @OptionGroup var common: Common
    @Argument(help: "Receipt code or dossier id.") var dossier: String
    func run() throws {
        guard let r = try common.callArgs("dossier-get", .fields([("dossier", dossier)]), as: DossierBody.self) else { return }
        print(DossierRender.line(r.dossier))
        if let t = r.returnTicket { print("return ticket: \(t)") }
        for e in r.events ?? [] {
            print("  #\(e.revision) \(e.kind.rawValue) at \(Int(e.at))")
        }
    }
}

struct DossierImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a provincial CSV export; prints every refused row.",
        discussion: """
            Large files are sent over one connection in chunks of whole records (each with the header line); quayd \
            stores each chunk in one transaction before answering. Reported line numbers are the file's. Progress is \
            shown on a terminal.
            """)
    @OptionGroup var common: Common
    @Argument(help: "CSV file (UTF-8).") var file: String
    @Option(help: "Bytes of CSV per request, at most 3 MiB (quayd accepts request lines up to 4 MiB).") var chunkBytes = 1 << 20
    @Option(help: "Rows per request, at most 10,000: each request is one transaction that queue operations may wait behind.")
    var chunkRows = 5_000
    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError(message: "cannot read \(file)") }
        // quayd takes dossier-import lines up to 4 MiB and 10,000 rows; JSON escaping (quotes, CR LF) makes a line
        // longer than its CSV, hence 3 MiB of CSV at most.
        guard (1...(3 << 20)).contains(chunkBytes), (1...10_000).contains(chunkRows) else {
            throw CLIError(message: "--chunk-bytes must be 1…\(3 << 20) and --chunk-rows 1…10000")
        }
        let chunks = CSVChunker.chunks(Array(data), maxBytes: chunkBytes, maxRows: chunkRows)
        let totalRows = chunks.reduce(0) { $0 + $1.rows }
        let progress = !common.json && isatty(STDERR_FILENO) == 1
        var read = 0, imported = 0, rejected = 0
        var errors: [RowError] = []
        let started = Date()
        let client = try common.client()
        for c in chunks {
            let r = try common.request(
                on: client, "dossier-import",
                ["args": .object(["csv": .string(String(decoding: c.bytes, as: UTF8.self)), "lineOffset": .number(Double(c.lineOffset))])],
                as: DossierImportBody.self, timeoutMs: 300_000)
            read += r.rowsRead
            imported += r.imported
            rejected += r.rejected
            errors += r.errors
            if progress {
                let secs = Date().timeIntervalSince(started)
                FileHandle.standardError.write(
                    Data(
                        ("\r\(read) of \(totalRows) rows (\(totalRows > 0 ? read * 100 / totalRows : 100)%), "
                            + "\(imported) imported, \(rejected) refused" + (secs > 0 ? ", \(Int(Double(read) / secs)) rows/s   " : "   "))
                            .utf8))
            }
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let secs = Date().timeIntervalSince(started)
        if common.json {
            // The whole file's summary (several replies), not one reply line.
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let summary = ImportSummary(rowsRead: read, imported: imported, rejected: rejected, errors: errors, seconds: secs)
            return print(String(decoding: try e.encode(summary), as: UTF8.self))
        }
        for e in errors {
            print("line \(e.line)" + (e.column.map { ", column \($0)" } ?? "") + ": \(e.code): \(e.message)")
        }
        print(
            "\(read) rows read, \(imported) imported, \(rejected) refused in \(String(format: "%.2f", secs)) s"
                + (secs > 0 ? " (\(Int(Double(read) / secs)) rows/s)" : ""))
        if rejected > 0 { throw ExitCode(2) }
    }
}

/// `quayctl dossier import --json`: the sums over every chunk's reply.
private struct ImportSummary: Encodable {
    var rowsRead: Int
    var imported: Int
    var rejected: Int
    var errors: [RowError]
    var seconds: Double
}

struct DossierStatsCmd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "On-time / late / overdue figures for a date range.")
    @OptionGroup var common: Common
    @Option(help: "First day YYYY-MM-DD.") var from: String
    @Option(help: "Last day YYYY-MM-DD.") var to: String
    @Option(help: "procedure, service or site.") var groupBy: String?
    @Option(help: "appointment or resolution.") var basis: String?
    @Option(help: "day, month or all.") var period: String?
    @Option(help: "Report date (default: today).") var today: String?
    @Flag(help: "Print CSV instead of a table.") var csv = false
    func run() throws {
        guard
            let r = try common.callArgs(
                "dossier-stats",
                .fields([
                    ("from", from), ("to", to), ("groupBy", groupBy), ("basis", basis),
                    ("period", period), ("today", today),
                ]), as: DossierStatsBody.self)
        else { return }
        print(csv ? r.csv : r.table, terminator: "")
    }
}

struct DossierReady: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ready", abstract: "The hall display's results-ready list (masked codes).")
    @OptionGroup var common: Common
    func run() throws {
        guard let r = try common.call("results-ready", as: ResultsReadyBody.self) else { return }
        let rows = r.entries.map { [$0.maskedCode, $0.serviceName, $0.id] }
        print(Render.table(["Code", "Procedure", "Dossier"], rows))
    }
}

struct DossierOutbox: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox", abstract: "Result-ready notifier deliveries and failures.")
    @OptionGroup var common: Common
    func run() throws {
        guard let r = try common.call("dossier-outbox", as: DossierOutboxBody.self) else { return }
        let rows = r.entries.map { [$0.transitionId, $0.state, String($0.attempts), $0.lastError ?? ""] }
        print(Render.table(["Transition", "State", "Attempts", "Last error"], rows))
    }
}

struct IssueReturn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue-return", abstract: "Issue a results-return ticket for a scanned receipt code.")
    @OptionGroup var common: Common
    @Argument(help: "Receipt code as scanned.") var code: String
    @Option(help: "Citizen language: vi, km or en.") var lang: String = "vi"
    func run() throws {
        guard let r = try common.callArgs("issue-return", ["code": .string(code)], ["language": .string(lang)], as: IssueReturnBody.self)
        else { return }
        print("Return ticket \(Render.ticketLine(r.ticket)) for \(r.maskedCode)" + (r.reissued ? " (already issued)" : ""))
    }
}

/// Splits a CSV file into chunks of whole records, each starting with the header line: at most `maxBytes` of
/// records and `maxRows` records per chunk (a single longer record is a chunk of its own).
enum CSVChunker {
    struct Chunk {
        var bytes: [UInt8]
        var lineOffset: Int
        var rows: Int
    }

    static func chunks(_ b: [UInt8], maxBytes: Int, maxRows: Int = .max) -> [Chunk] {
        var quoted = false
        var ends: [(end: Int, line: Int)] = []  // record ends (index after "\n") and the line number that follows
        var line = 1
        for (i, c) in b.enumerated() {
            if c == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if c == 0x0A {
                line += 1
                if !quoted { ends.append((i + 1, line)) }
            }
        }
        guard let headerEnd = ends.first, headerEnd.end < b.count else { return [Chunk(bytes: b, lineOffset: 0, rows: b.isEmpty ? 0 : 1)] }
        let header = Array(b[0..<headerEnd.end])
        var out: [Chunk] = []
        var start = headerEnd.end, startLine = 2
        var k = 1
        while start < b.count {
            var end = start, endLine = startLine, rows = 0
            while k < ends.count, (ends[k].end - start <= maxBytes && rows < maxRows) || end == start {
                end = ends[k].end
                endLine = ends[k].line
                k += 1
                rows += 1
            }
            if end == start {
                end = b.count
                rows = 1
            }  // a last record without a final newline
            out.append(Chunk(bytes: header + b[start..<end], lineOffset: startLine - 2, rows: rows))
            start = end
            startLine = endLine
        }
        return out
    }
}
