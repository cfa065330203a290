import Foundation
import QuayCore
import QuayProvince
import QuayProvinceFixture
import QuayReportFixture
import QuayReports
import Testing

/// The province report from a real PostgreSQL 15, against figures worked out by hand from `ProvinceFixtureFeed`,
/// and rendered for people: openpyxl reads the XLSX back, poppler renders and extracts the PDF.
@Suite(.serialized) struct ProvinceReportTests {
    static let november = ReportPeriod.month("2026-11")!
    static let madeOn = LocalDate(iso: "2026-12-01")!

    /// Ingests the fixture (in three batches from two centers, the xa-b queue day recomputed) and reports November.
    static func novemberReport(_ db: ProvinceDatabase) async throws -> ProvinceReport {
        try await db.setSites([
            ProvinceSite(site: "xa-a", commune: "Xã A", district: "Huyện Một"),
            ProvinceSite(site: "xa-b", commune: "Xã B", district: "Huyện Một"),
            ProvinceSite(site: "xa-c", commune: "Xã C", district: "Huyện Hai"),
        ])
        try await db.ingest(ProvinceFixtureFeed.dossiersA + ProvinceFixtureFeed.queueA, center: "xa-a", checkpoint: 16)
        try await db.ingest(ProvinceFixtureFeed.dossiersB + [ProvinceFixtureFeed.queueB(seq: 10, issued: 3)], center: "xa-b", checkpoint: 8)
        try await db.ingest([ProvinceFixtureFeed.queueB(seq: 12, issued: 4)], center: "xa-b", checkpoint: 9)
        return try await db.report(province: "Tỉnh Thử", period: november, madeOn: madeOn)
    }

    @Test func figuresPerCommuneServiceAndDayMatchTheHandCount() async throws {
        let r = try await ProvinceTestDB.with { (db, _, _) async throws in try await Self.novemberReport(db) }
        #expect(r.communes.map(\.name) == ["Xã A", "Xã B", "Xã C"])
        let a = r.communes[0], b = r.communes[1], c = r.communes[2]
        // Xã A: D1 on time, D2 late, D3 open past 25 Nov, D4 received in October and returned on time in November.
        #expect(
            [a.dossiers.received, a.dossiers.returned, a.dossiers.onTime, a.dossiers.late, a.dossiers.overdue] as [Int] == [3, 3, 2, 1, 1])
        // Xã B: D1 ready (appointment in December, not overdue), D2 rejected, D3 received in December.
        #expect([b.dossiers.received, b.dossiers.returned, b.dossiers.overdue] as [Int] == [2, 0, 0])
        #expect(c.dossiers == DossierFigures(id: "xa-c", name: "Xã C") && c.queue.issued == 0)
        // Queue: xa-a's 2 Nov (31 Oct is outside), xa-b's 3 Nov as recomputed (4 tickets).
        #expect([a.queue.issued, a.queue.served, a.queue.noShow] as [Int] == [15, 13, 2])
        #expect(a.queue.wait.count == 13 && a.queue.wait.sum == 3400 && a.queue.wait.max == 900 && a.queue.wait.p90 == 550)
        #expect(a.queue.wait.p50 == nil)
        #expect(b.queue.issued == 4)
        let ht = try #require(r.services.first { $0.id == "HT" }), ct = try #require(r.services.first { $0.id == "CT" })
        #expect(ht.name == "Hộ tịch")
        #expect([ht.queue.issued, ht.queue.served, ht.queue.wait.count] as [Int] == [14, 12, 12])
        #expect(ht.queue.wait.sum == 2880 && ht.queue.wait.p90 == 600 && ht.queue.wait.max == 900)
        #expect([ht.dossiers.received, ht.dossiers.returned, ht.dossiers.onTime, ht.dossiers.overdue] as [Int] == [4, 2, 1, 0])
        #expect([ct.dossiers.received, ct.dossiers.returned, ct.dossiers.onTime, ct.dossiers.overdue] as [Int] == [1, 1, 1, 1])
        #expect(
            [r.total.dossiers.received, r.total.dossiers.returned, r.total.dossiers.onTime, r.total.dossiers.overdue] as [Int] == [
                5, 3, 2, 1,
            ])
        #expect(r.total.queue.issued == 19 && r.total.queue.wait.count == 17 && r.total.queue.wait.sum == 3880)
        #expect(r.centerDaysReported == 2)
        #expect(r.days.count == 30 && r.days[1].issued == 15 && r.days[2].issued == 4 && r.days[0].issued == 0)
        #expect(r.arrivalsByHour[8] == 14 && r.arrivalsByHour[9] == 5 && r.arrivalsByHour.reduce(0, +) == 19)
    }

    @Test func xlsxReadsBackWithOpenpyxl() async throws {
        let r = try await ProvinceTestDB.with { (db, _, _) async throws in try await Self.novemberReport(db) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("province-\(getpid()).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ReportXLSX.write(ProvinceSheets.all(r, .forLanguage(.vi)), to: path)
        let out = try ExternalTool.python(
            """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[wb.sheetnames[1]]
            rows = [[c.value for c in row] for row in ws.iter_rows()]
            print(json.dumps({"sheets": wb.sheetnames, "header": rows[0], "a": rows[1], "total": rows[-1]}))
            """, [path])
        let j = try #require(try ExternalTool.json(out) as? [String: Any])
        #expect(j["sheets"] as? [String] == ["Tổng hợp", "Theo xã, phường", "Theo dịch vụ", "Theo ngày", "Theo giờ"])
        let header = try #require(j["header"] as? [String]), a = try #require(j["a"] as? [Any]), total = try #require(j["total"] as? [Any])
        #expect(header.prefix(4) == ["Mã điểm", "Xã, phường", "Huyện", "Số phiếu"])
        #expect(a[1] as? String == "Xã A")
        #expect((a[3] as? NSNumber)?.intValue == 15)
        #expect((a[header.firstIndex(of: "Tiếp nhận")!] as? NSNumber)?.intValue == 3)
        #expect((total[header.firstIndex(of: "Quá hạn chưa trả")!] as? NSNumber)?.intValue == 1)
        let mean = try #require((a[header.firstIndex(of: "Chờ trung bình (phút)")!] as? NSNumber)?.doubleValue)
        #expect(abs(mean - 3400.0 / 13 / 60) < 1e-9)
    }

    @Test func pdfHasEveryCommuneAndInkOnEveryPage() async throws {
        // 60 communes so the commune table runs over two pages.
        let r = try await ProvinceTestDB.with { (db, _, _) async throws in
            var r = try await Self.novemberReport(db)
            for i in 4...60 { r.communes.append(ProvinceRow(id: "xa-\(i)", name: "Xã số \(i)", district: "Huyện Hai")) }
            return r
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("province-pdf-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/report.pdf"
        try Data(try ProvincePDF.render(r, labels: .forLanguage(.vi))).write(to: URL(fileURLWithPath: path))
        let text = try ExternalTool.run("/usr/bin/pdftotext", ["-layout", path, "-"])
        #expect(text.contains("BÁO CÁO TỔNG HỢP HÀNG ĐỢI VÀ HỒ SƠ TOÀN TỈNH"))
        #expect(text.contains("Xã A") && text.contains("Xã số 60") && text.contains("Hộ tịch"))
        #expect(text.contains("Chủ tịch UBND tỉnh"))
        _ = try ExternalTool.run("/usr/bin/pdftoppm", ["-gray", "-r", "50", path, dir + "/page"])
        let shares = try ExternalTool.python(
            """
            import glob, sys
            for p in sorted(glob.glob(sys.argv[1] + "/page-*.pgm")):
                d = open(p, "rb").read()
                parts = d.split(maxsplit=4)
                px = parts[4]
                print(sum(1 for b in px if b < 200) / len(px))
            """, [dir]
        ).split(separator: "\n").compactMap { Double($0) }
        #expect(shares.count == 3, "pages: \(shares)")
        #expect(shares.allSatisfy { $0 > 0.004 && $0 < 0.6 }, "share of dark pixels per page \(shares)")
    }

    @Test func csvOfTheCommunesTable() async throws {
        let r = try await ProvinceTestDB.with { (db, _, _) async throws in try await Self.novemberReport(db) }
        let csv = ReportText.csv(ProvinceSheets.communes(r, .forLanguage(.en)))
        let lines = csv.dropFirst().split(separator: "\r\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("Site,Commune,District,Issued"))
        #expect(lines[1].hasPrefix("xa-a,Xã A,Huyện Một,15,13,2,"))
        #expect(lines[4].hasPrefix("*,Total,,19,17,2,"))
    }
}
