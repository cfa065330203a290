import Foundation
import QuayCore
import QuayStore

/// A generated history of a busy commune center, written straight into a quayd database (tests and
/// `make bench`): five services, five counters, `ticketsPerDay` tickets a day with transfers, no-shows, expired
/// tickets, priority and Khmer-language tickets, and `dossierCount` dossiers. Every figure follows from the ticket's
/// index `i` within its day, so the answers can be worked out by hand (see `ReportSQLTests`):
/// - service s(i mod 5 + 1); issued at 07:30 + 81 s × i; Khmer when i mod 10 = 3; priority when i mod 8 = 0;
/// - expired (never called) when i mod 50 = 7; else no-show when i mod 20 = 0; else served;
/// - transferred to the next service when i mod 40 = 5 (30 s after issue, at the first service's counter);
/// - called (i mod 30 + 1) minutes after issue at counter c(final service); served for (i mod 7 + 2) minutes;
/// - a served ticket with i mod 9 = 2 is rated (i mod 4) + 1 at the counter that served it.
public struct ReportFixture: Sendable {
    public static let services = ["s1", "s2", "s3", "s4", "s5"]
    public static let serviceNames = ["Hộ tịch", "Chứng thực", "Đất đai", "Bảo trợ xã hội", "Khác"]
    public static let counters = ["c1", "c2", "c3", "c4", "c5"]
    public static let utcOffset = 7 * 3600

    public struct TicketRow: Sendable {
        public var day: LocalDate, index: Int, service: String, firstService: String, counter: String?, state: String
        public var khmer: Bool, priority: Bool, issuedAt: Double, calledAt: Double?, servingAt: Double?, finishedAt: Double?
        public var transferredAt: Double?
        /// The citizen's rating 1–4, for some served tickets.
        public var rating: Int? = nil
    }

    public struct DossierRow: Sendable {
        public var service: String, counter: String, receivedAt: Double, appointmentDay: Int, status: String, returnedAt: Double?
    }

    public let firstDay: LocalDate
    public let days: Int
    public let tickets: [TicketRow]
    public let dossiers: [DossierRow]

    public init(firstDay: LocalDate, days: Int, ticketsPerDay: Int = 400, dossierCount: Int = 20_000) {
        self.firstDay = firstDay
        self.days = days
        var ts: [TicketRow] = []
        ts.reserveCapacity(days * ticketsPerDay)
        for d in 0..<days {
            let day = firstDay.adding(days: d)
            let start = day.epochSeconds(utcOffsetSeconds: Self.utcOffset)
            for i in 0..<ticketsPerDay { ts.append(Self.ticket(day: day, start: start, i: i)) }
        }
        tickets = ts
        dossiers = (0..<dossierCount).map { Self.dossier($0, firstDay: firstDay, days: days) }
    }

    static func ticket(day: LocalDate, start: Double, i: Int) -> TicketRow {
        let first = i % 5
        let transferred = i % 40 == 5
        let final = transferred ? (first + 1) % 5 : first
        let issued = start + 27_000 + 81 * Double(i)
        var t = TicketRow(
            day: day, index: i, service: services[final], firstService: services[first], counter: nil, state: "done",
            khmer: i % 10 == 3, priority: i % 8 == 0, issuedAt: issued, calledAt: nil, servingAt: nil, finishedAt: nil,
            transferredAt: transferred ? issued + 30 : nil)
        if i % 50 == 7 {
            t.state = "expired"
            return t
        }
        t.counter = counters[final]
        t.calledAt = issued + Double(i % 30 + 1) * 60
        if i % 20 == 0 {
            t.state = "no-show"
            return t
        }
        t.servingAt = t.calledAt! + 30
        t.finishedAt = t.servingAt! + Double(i % 7 + 2) * 60
        if i % 9 == 2 { t.rating = i % 4 + 1 }
        return t
    }

    /// Received on day (k mod days) at 09:00 + k seconds; due 3 + (k mod 5) days later. Every 12th still being
    /// processed, every 25th (k mod 25 = 1) rejected; the others returned at 10:00 on the appointment day minus
    /// (k mod 3) days, or 2 days after it when k mod 11 = 4 (late).
    static func dossier(_ k: Int, firstDay: LocalDate, days: Int) -> DossierRow {
        let receivedDay = firstDay.adding(days: k % days)
        let received = receivedDay.epochSeconds(utcOffsetSeconds: utcOffset) + 32_400 + Double(k % 3600)
        let appointment = receivedDay.adding(days: 3 + k % 5)
        var row = DossierRow(
            service: services[k % 5], counter: counters[(k / 5) % 5], receivedAt: received, appointmentDay: appointment.dayNumber,
            status: "processing", returnedAt: nil)
        if k % 12 == 0 { return row }
        if k % 25 == 1 {
            row.status = "rejected"
            return row
        }
        let back = k % 11 == 4 ? appointment.adding(days: 2) : appointment.adding(days: -(k % 3))
        row.status = "returned"
        row.returnedAt = max(received + 3600, back.epochSeconds(utcOffsetSeconds: utcOffset) + 36_000)
        return row
    }

    /// The configured names a report shows.
    public static var names: ReportBuilder.Names {
        ReportBuilder.Names(
            services: zip(services, serviceNames).map { ($0, $1) }, counters: counters.map { ($0, String($0.dropFirst())) })
    }
}
