import Foundation
import QuayCore
import QuayStore

extension ReportFixture {
    /// Writes the history into a new quayd database at `path` (migrated to the current schema) in one transaction:
    /// tickets, their events (issued, transferred, called, serving, done or no-show), their ratings and the dossiers.
    public func write(to path: String) throws {
        let db = try Database(path: path)
        try db.exec("PRAGMA journal_mode=WAL")
        try Migrations.migrate(db)
        try db.exec("BEGIN")
        let ticketSQL =
            """
            INSERT INTO tickets(tseq, id, business_day, service, seq, number, priority, language, issued_at, queued_since, state,
                                counter, called_at, serving_at, finished_at)
            VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14)
            """
        let eventSQL = "INSERT INTO events(seq, id, at, kind, ticket, number, service, counter) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        var eventSeq: Int64 = 0
        func event(_ at: Double, _ kind: String, _ id: String, _ number: String, _ service: String, _ counter: String?) throws {
            eventSeq += 1
            try db.run(
                eventSQL,
                [
                    .int(eventSeq), .text("fx-E\(eventSeq)"), .double(at), .text(kind), .text(id), .text(number), .text(service),
                    counter.map { .text($0) } ?? .null,
                ])
        }
        for (n, row) in tickets.enumerated() {
            let id = "fx-T\(n + 1)", number = "\(row.firstService.uppercased())\(row.index)"
            try db.run(
                ticketSQL,
                [
                    .int(Int64(n + 1)), .text(id), .text(row.day.iso), .text(row.service), .int(Int64(row.index + 1)), .text(number),
                    row.priority ? .text("elderly") : .null, .text(row.khmer ? "km" : "vi"), .double(row.issuedAt), .text(row.state),
                    row.counter.map { .text($0) } ?? .null, row.calledAt.map { .double($0) } ?? .null,
                    row.servingAt.map { .double($0) } ?? .null, row.finishedAt.map { .double($0) } ?? .null,
                ])
            try event(row.issuedAt, "issued", id, number, row.firstService, nil)
            if let at = row.transferredAt {
                let from = Self.counters[Self.services.firstIndex(of: row.firstService)!]
                try event(at, "transferred", id, number, row.service, from)
            }
            if let at = row.calledAt { try event(at, "called", id, number, row.service, row.counter) }
            if let at = row.servingAt { try event(at, "serving", id, number, row.service, row.counter) }
            if let at = row.finishedAt { try event(at, "done", id, number, row.service, row.counter) }
            if row.state == "no-show", let at = row.calledAt { try event(at + 300, "no-show", id, number, row.service, row.counter) }
            if let score = row.rating, let counter = row.counter, let at = row.finishedAt {
                try db.run(
                    "INSERT INTO ratings(ticket, business_day, counter, score, at) VALUES(?1, ?2, ?3, ?4, ?5)",
                    [.text(id), .text(row.day.iso), .text(counter), .int(Int64(score)), .double(at + 20)])
            }
        }
        let dossierSQL =
            """
            INSERT INTO dossiers(seq, id, receipt_code, procedure, procedure_name, service, received_at, received_site, received_counter,
                                 appointment_day, status, status_changed_at, returned_at, citizen_name, return_channel)
            VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?6, 'fx', ?7, ?8, ?9, ?10, ?11, 'Nguyễn Văn A', 'at-center')
            """
        for (k, row) in dossiers.enumerated() {
            try db.run(
                dossierSQL,
                [
                    .int(Int64(k + 1)), .text("fx-D\(k + 1)"), .text(String(format: "FX%09d", k + 1)), .text("p-" + row.service),
                    .text(row.service), .double(row.receivedAt), .text(row.counter), .int(Int64(row.appointmentDay)), .text(row.status),
                    .double(row.returnedAt ?? row.receivedAt), row.returnedAt.map { .double($0) } ?? .null,
                ])
        }
        try db.exec("COMMIT")
        try db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
