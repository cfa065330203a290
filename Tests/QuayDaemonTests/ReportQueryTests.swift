import QuayCore
import Testing

@testable import QuayDaemon

/// The report page's query: day, ISO week, month and range periods, filters, and the same query again for the
/// downloads, so a download has the figures on screen.
@Suite struct ReportQueryTests {
    let today = LocalDate(year: 2026, month: 12, day: 6)!

    func parse(_ q: [String: String]) -> ReportQuery? {
        if case .success(let r) = ReportQuery.parse(q, today: today) { return r }
        return nil
    }

    @Test func periodsAndTheirDownloadQuery() throws {
        let week = try #require(parse(["period": "week", "day": "2026-11-11", "service": "s1", "lang": "km"]))
        #expect(week.period.description == "2026-11-09..2026-11-15")
        #expect(week.query == "period=week&day=2026-11-11&service=s1&lang=km")
        #expect(week.name == "report-2026-11-09_2026-11-15")
        let day = try #require(parse(["period": "day", "day": "2026-11-03", "counter": "c2"]))
        #expect(day.period.description == "2026-11-03" && day.name == "report-2026-11-03" && day.filters.counter == "c2")
        // The old form: month alone.
        let month = try #require(parse(["month": "2026-11"]))
        #expect(month.period.description == "2026-11-01..2026-11-30" && month.query == "period=month&month=2026-11")
        let range = try #require(parse(["from": "2026-01-01", "to": "2026-06-30"]))
        #expect(range.filters.kind == "range" && range.period.days == 181)
        // Nothing: this month.
        #expect(parse([:])?.period.description == "2026-12-01..2026-12-31")
        // Empty filters are no filters; a value that needs it is percent-encoded in the links.
        #expect(parse(["service": "", "counter": ""])?.filters.service == nil)
        #expect(parse(["service": "a&b=c"])?.query.contains("service=a%26b%3Dc") == true)
    }

    @Test func badQueriesNameTheirField() {
        for (q, field) in [
            (["period": "year"], "period"), (["period": "day", "day": "2026-13-01"], "day"), (["month": "2026-1"], "month"),
            (["from": "2026-02-01", "to": "2026-01-01"], "from, to"), (["from": "2025-01-01", "to": "2026-06-30"], "from, to"),
        ] {
            guard case .failure(let e) = ReportQuery.parse(q, today: today) else {
                Issue.record("\(q) was accepted")
                continue
            }
            #expect(e.message.hasPrefix(field), "\(q): \(e.message)")
        }
    }
}
