import CPangoCairo
import Foundation
import QuayCore
import QuayReportFixture
import QuayReports
import QuayStore
import Testing

/// The rendered report read back by real clients: openpyxl opens the XLSX, Python's csv reads the CSV, poppler
/// renders and extracts the PDF, Cairo reads the PNG back. Figures are the generated month's (`ReportFixture`),
/// whose totals are worked out by hand in `ReportSQLTests`.
@Suite struct ReportOutputTests {
    static let dir: String = {
        let d = NSTemporaryDirectory() + "quay-report-out-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    /// The generated month's report, made once for the suite (no thread blocks waiting for it).
    static let made = ReportOnce()

    actor ReportOnce {
        private var report: QueueReport?
        func get() async throws -> QueueReport {
            if let report { return report }
            let period = ReportPeriod.month(year: 2026, month: 11)!
            let path = ReportOutputTests.dir + "/quay.sqlite"
            try? FileManager.default.removeItem(atPath: path)
            try ReportFixture(firstDay: period.from, days: 30).write(to: path)
            let r = try await ReportStore(path: path).report(
                center: "UBND xã Tân Hòa", period: period, filter: ReportFilter(), madeOn: LocalDate(year: 2026, month: 12, day: 1)!,
                names: ReportFixture.names, utcOffsetSeconds: ReportFixture.utcOffset)
            report = r
            // The 10 MB database is not an artefact anyone looks at: only the rendered outputs stay.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            return r
        }
    }

    @Test func xlsxOpensInOpenpyxlWithTypedCells() async throws {
        let report = try await Self.made.get()
        let path = Self.dir + "/report.xlsx"
        try ReportXLSX.write(ReportSheets.all(report, .forLanguage(.vi)), to: path)
        let out = try ExternalTool.python(
            """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in wb.worksheets:
                out[ws.title] = [[{"v": c.value.isoformat() if hasattr(c.value, "isoformat") else c.value,
                                   "t": type(c.value).__name__, "f": c.number_format} for c in row] for row in ws.iter_rows()]
            print(json.dumps(out, ensure_ascii=False))
            """, [path])
        let book = try #require(try ExternalTool.json(out) as? [String: [[[String: Any]]]])
        #expect(Set(book.keys) == ["Tổng hợp", "Theo dịch vụ", "Theo quầy", "Theo ngày", "Theo giờ", "Hồ sơ"])
        let services = try #require(book["Theo dịch vụ"])
        #expect(services[0][1]["v"] as? String == "Tên")
        #expect(services[1][1]["v"] as? String == "Hộ tịch")
        let total = try #require(services.last)
        #expect(total[1]["v"] as? String == "Tổng cộng")
        #expect(total[2]["v"] as? Int == 12_000)  // issued: 400 a day × 30
        #expect(total[3]["v"] as? Int == 11_160)  // served
        #expect(total[4]["v"] as? Int == 600)  // no-show
        #expect(total[5]["v"] as? Int == 300)  // transferred
        #expect(total[8]["v"] as? Double == 0.1 && total[8]["f"] as? String == "0.0%")  // Khmer share
        #expect(total[11]["v"] as? Int == 30 && total[11]["f"] as? String == "0.0")  // longest wait: 30 minutes
        let days = try #require(book["Theo ngày"])
        #expect(days.count == 31)
        #expect(days[1][0]["t"] as? String == "datetime" && days[1][0]["v"] as? String == "2026-11-01T00:00:00")
        #expect(days[1][1]["v"] as? Int == 400)
        let dossiers = try #require(book["Hồ sơ"])
        #expect(dossiers.last?[2]["v"] as? Int == 20_000)  // received
        let d = report.dossierTotal
        #expect(dossiers.last?[4]["v"] as? Int == d.onTime)
        let rate = try #require(dossiers.last?[7]["v"] as? Double)
        #expect(abs(rate - d.onTimeRate!) < 1e-9)
    }

    @Test func csvHasBOMAndAHeaderRowForPythonsCSV() async throws {
        let report = try await Self.made.get()
        let path = Self.dir + "/services.csv"
        let text = ReportText.csv(ReportSheets.services(report, .forLanguage(.vi)))
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(raw.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let out = try ExternalTool.python(
            """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
            """, [path])
        let rows = try #require(try ExternalTool.json(out) as? [[String]])
        #expect(rows.count == 7)  // header, 5 services, total
        #expect(rows[0][0] == "Dịch vụ" && rows[0][2] == "Số phiếu")
        #expect(rows[6][2] == "12000" && rows[6][8] == "10.0")
        #expect(rows[1..<6].map { Int($0[2])! }.reduce(0, +) == 12_000)
    }

    @Test func pdfIsOnePageWithTheVietnameseTextAndInk() async throws {
        let report = try await Self.made.get()
        let path = Self.dir + "/report.pdf"
        let bytes = try ReportImage.pdf(report, labels: .forLanguage(.vi))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let text = try ExternalTool.run("/usr/bin/pdftotext", ["-layout", path, "-"])
        for needle in [
            "BÁO CÁO HÀNG ĐỢI VÀ HỒ SƠ", "UBND XÃ TÂN HÒA", "2026-11-01..2026-11-30", "Hộ tịch", "Bảo trợ xã hội", "12000",
            "Người lập biểu", "Thời gian chờ theo ngày",
        ] {
            #expect(text.contains(needle), "PDF text lacks \(needle)")
        }
        #expect(!text.contains("\u{000C}\u{000C}"))
        let info = try ExternalTool.run("/usr/bin/pdfinfo", [path])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last
        #expect(pages == "1", "\(info)")
        _ = try ExternalTool.run("/usr/bin/pdftoppm", ["-gray", "-r", "40", "-singlefile", path, Self.dir + "/page"])
        let ink = try Self.inkShare(pgm: Self.dir + "/page.pgm")
        #expect(ink > 0.03 && ink < 0.6, "share of dark pixels \(ink)")
    }

    @Test func pngChartsHaveTheirSizeInkAndEveryGlyph() async throws {
        let report = try await Self.made.get()
        let bytes = try ReportImage.png(report, labels: .forLanguage(.vi), width: 1200)
        let path = Self.dir + "/charts.png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard let img = cairo_image_surface_create_from_png(path) else {
            Issue.record("unreadable PNG")
            return
        }
        defer { cairo_surface_destroy(img) }
        #expect(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS)
        #expect(cairo_image_surface_get_width(img) == 1200)
        #expect(cairo_image_surface_get_height(img) == 1512)  // three charts of 0.42 × width
        let one = try ReportImage.png(report, labels: .forLanguage(.km), only: .onTime, width: 800)
        #expect(one.count > 2_000)
        for lang in [Language.vi, .km, .en] {
            #expect(ReportImage.missingGlyphs(report, labels: .forLanguage(lang)) == 0, "\(lang)")
        }
        // Ink: the bars and labels cover a fair part of the picture, not a blank or a black image.
        let w = Int(cairo_image_surface_get_width(img)), h = Int(cairo_image_surface_get_height(img))
        let stride = Int(cairo_image_surface_get_stride(img))
        let data = try #require(cairo_image_surface_get_data(img))
        var dark = 0
        for y in 0..<h {
            for x in 0..<w {
                let p = data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                if (p & 0xFF) < 200 { dark += 1 }
            }
        }
        let share = Double(dark) / Double(w * h)
        #expect(share > 0.02 && share < 0.5, "\(share)")
    }

    @Test func textTableListsEverySheet() async throws {
        let report = try await Self.made.get()
        let t = ReportText.table(ReportSheets.all(report, .forLanguage(.en)))
        for title in ["== Summary ==", "== By service ==", "== By counter ==", "== By day ==", "== By hour ==", "== Dossiers =="] {
            #expect(t.contains(title))
        }
        #expect(t.contains("12000"))
    }

    /// Share of pixels darker than mid-grey in a binary PGM (P5) written by pdftoppm -gray.
    static func inkShare(pgm path: String) throws -> Double {
        let d = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var fields: [String] = [], i = 0, cur = ""
        while fields.count < 4, i < d.count {
            let c = d[i]
            i += 1
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                if !cur.isEmpty { fields.append(cur) }
                cur = ""
            } else {
                cur.append(Character(UnicodeScalar(c)))
            }
        }
        guard fields.first == "P5", let w = Int(fields[1]), let h = Int(fields[2]), d.count >= i + w * h else {
            throw ExternalTool.Failed(description: "not a PGM: \(fields)")
        }
        let dark = d[i..<(i + w * h)].filter { $0 < 128 }.count
        return Double(dark) / Double(w * h)
    }
}

/// CSV text cells a spreadsheet would run as formulas stay text.
@Suite struct ReportCSVTests {
    @Test func formulasAndSeparatorsAreQuoted() {
        let sheet = ReportSheet(
            key: "t", title: "t", headers: ["name", "n"],
            rows: [[.text("=HYPERLINK(\"x\")"), .int(1)], [.text("a, b"), .minutes(90)], [.text("-1+1"), .percent(0.5)]])
        let lines = ReportText.csv(sheet).dropFirst().components(separatedBy: "\r\n")
        #expect(lines[1] == "\"'=HYPERLINK(\"\"x\"\")\",1")
        #expect(lines[2] == "\"a, b\",1.5")
        #expect(lines[3] == "\"'-1+1\",50.0")
    }
}
