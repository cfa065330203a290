import Foundation
import QuayCore
import QuayReportFixture
import QuayStore
import QuaySystem

/// docs/performance.md "Reports": a month and a year report of a busy center (`ReportFixture`: 411 tickets a day for
/// 365 days ≈ 150,000 tickets and 600,000 events, 240,000 dossiers), each from a cold connection (a new read-only
/// connection: empty SQLite page cache, the OS cache as a running quayd would have it), beside a bare
/// `SELECT count(*)` over the same rows on another new connection. Median of `runs`.
enum ReportBench {
    static func run(dir: String, runs: Int = 5) async throws -> String {
        let year = LocalDate(year: 2026, month: 1, day: 1)!
        // QUAY_BENCH_REPORT_DB: keep the fixture there (written once) to look at the queries with sqlite3.
        let keep = ProcessInfo.processInfo.environment["QUAY_BENCH_REPORT_DB"]
        let path = keep ?? dir + "/report-bench.sqlite"
        var out = ""
        if keep == nil || !FileManager.default.fileExists(atPath: path) {
            let t0 = monotonicNanos()
            try ReportFixture(firstDay: year, days: 365, ticketsPerDay: 411, dossierCount: 240_000).write(to: path)
            out += String(format: "fixture: 150,015 tickets, 240,000 dossiers written in %.1f s\n", Double(monotonicNanos() - t0) / 1e9)
        }
        let month = ReportPeriod.month(year: 2026, month: 11)!
        let whole = ReportPeriod(from: year, to: year.adding(days: 364))!
        for (name, period, target) in [("month", month, 300.0), ("year", whole, 1000.0)] {
            var reportMs: [Double] = [], bareMs: [Double] = []
            var rows = 0
            for _ in 0..<runs {
                let bare = ReportStore(path: path)
                let b0 = monotonicNanos()
                rows = try await bare.bareCount(period: period)
                bareMs.append(Double(monotonicNanos() - b0) / 1e6)
                let store = ReportStore(path: path)
                let r0 = monotonicNanos()
                let r = try await store.report(
                    center: "bench", period: period, filter: ReportFilter(), madeOn: year.adding(days: 400), names: ReportFixture.names,
                    utcOffsetSeconds: ReportFixture.utcOffset)
                reportMs.append(Double(monotonicNanos() - r0) / 1e6)
                precondition(r.total.issued > 0)
            }
            let rep = median(reportMs), bare = median(bareMs)
            out += String(
                format: "%@ report (cold)  %7.1f ms  (target <= %.0f ms)   bare count(*) of %d rows %6.1f ms   ratio %.1f\n",
                name, rep, target, rows, bare, rep / bare)
        }
        out +=
            "RSS after the reports          \(selfStatus("VmRSS") / 1024) MiB (peak \(selfStatus("VmHWM") / 1024) MiB, fixture included)\n"
        return out
    }

    static func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

    static func selfStatus(_ key: String) -> Int {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in s.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }
}
