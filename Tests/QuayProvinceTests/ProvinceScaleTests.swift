import Foundation
import QuayCore
import QuayProvince
import QuayProvinceFixture
import QuayReportFixture
import QuayReports
import Testing

/// A whole simulated province (135 communes, 30 queue days each, 100 dossiers per commune with every status
/// change) through ingest, the month report across all centers and its PDF: the figures agree with a count
/// made from the generated feed, and the report stays well inside its second even in a debug build.
@Suite(.serialized) struct ProvinceScaleTests {
    @Test func aProvinceOf135CommunesReportsItsMonth() async throws {
        let november = ReportPeriod.month("2026-11")!
        let gen = ProvinceFeedGenerator(communes: 135, dossiers: 13_500, days: november)
        // The expected figures, counted from the generated records themselves.
        var issued = 0, received = 0, records = 0
        var feeds: [[FeedRecord]] = []
        for c in 0..<gen.communes {
            let feed = gen.records(center: c)
            records += feed.count
            for r in feed {
                switch r.body {
                case .queueDay(let q): issued += q.total.issued
                case .dossier(let ch): if ch.event.kind == .created { received += 1 }
                }
            }
            feeds.append(feed)
        }
        let all = feeds
        let (report, seconds) = try await ProvinceTestDB.with { (db, _, _) async throws in
            try await db.setSites(gen.sites())
            for (c, feed) in all.enumerated() {
                for start in stride(from: 0, to: feed.count, by: ProvinceDatabase.maxBatch) {
                    let batch = Array(feed[start..<min(feed.count, start + ProvinceDatabase.maxBatch)])
                    try await db.ingest(batch, center: gen.site(c), checkpoint: batch.last!.seq)
                }
            }
            let t0 = ContinuousClock.now
            let r = try await db.report(province: "Tỉnh Mô Phỏng", period: november, madeOn: LocalDate(iso: "2026-12-01")!)
            return (r, (ContinuousClock.now - t0) / .seconds(1))
        }
        #expect(report.communes.count == 135)
        #expect(report.centerDaysReported == 135 * 30)
        #expect(report.total.queue.issued == issued)
        #expect(report.total.dossiers.received == received && received == 13_500)
        #expect(report.communes.allSatisfy { $0.queue.issued > 0 && $0.dossiers.received == 100 })
        #expect(seconds < 1, "month report took \(seconds) s")
        let bytes = try ProvincePDF.render(report, labels: .forLanguage(.vi))
        let keep = ProcessInfo.processInfo.environment["QUAY_PROVINCE_PDF"]
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("province-scale-\(getpid()).pdf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: path) } }
        let info = try ExternalTool.run("/usr/bin/pdfinfo", [path])
        #expect(info.contains("Pages:           4"), "\(info)")
        let text = try ExternalTool.run("/usr/bin/pdftotext", ["-layout", path, "-"])
        #expect(text.contains("Xã số 1 ") && text.contains("Xã số 135") && text.contains("Đăng ký kinh doanh"))
        _ = records
    }
}
