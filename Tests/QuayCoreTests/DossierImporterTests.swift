import Testing
@testable import QuayCore

@Suite("Dossier CSV importer")
struct DossierImporterTests {
    static let site = SiteID(rawValue: "dn-haichau")!
    static let mapping = CSVColumnMapping(
        columns: [
            .receiptCode: .header("Mã hồ sơ"), .procedure: .header("Mã TTHC"), .procedureName: .header("Tên thủ tục"),
            .receivedAt: .header("Ngày nhận"), .appointmentDate: .header("Hẹn trả"), .returnedAt: .header("Ngày trả"),
            .status: .header("Trạng thái"), .citizenName: .header("Người nộp"), .phone: .header("Điện thoại"),
            .returnChannel: .header("Hình thức nhận"),
        ], dateFormats: ["dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd"])

    static let header = "Mã hồ sơ,Mã TTHC,Tên thủ tục,Ngày nhận,Hẹn trả,Ngày trả,Trạng thái,Người nộp,Điện thoại,Hình thức nhận\r\n"

    func run(_ body: String, mapping: CSVColumnMapping = mapping, existing: Set<String> = []) -> DossierImportResult {
        DossierImporter.importCSV(Array(body.utf8), mapping: mapping, site: Self.site, firstSeq: 100, existingReceiptCodes: existing)
    }

    @Test func goodRows() throws {
        let r = run(
            "\u{FEFF}" + Self.header
                + "h56-0001,1.001612,Đăng ký khai sinh,03/11/2026 08:15,10/11/2026,,Đang xử lý,Nguyễn Văn Ánh,0912 345 678,Trực tiếp\r\n"
                + "H56-0002,2.000908,\"Chứng thực, bản sao\",2026-11-04,2026-11-05,05/11/2026 16:00,Đã trả kết quả,Trần Thị Bình,,Bưu "
                + "chính công ích\r\n"
                + "H56-0003 , 1.001612 ,,04/11/2026,12/11/2026,,result-ready,  Lê Văn Cường ,,\r\n")
        #expect(r.errors == [])
        #expect(r.fileProblem == nil)
        #expect(r.rowsRead == 3 && r.rowsRejected == 0 && r.nextSeq == 103)
        let d = r.dossiers
        #expect(d.map(\.id) == ["dn-haichau-D100", "dn-haichau-D101", "dn-haichau-D102"])
        #expect(d.map(\.receiptCode) == ["H56-0001", "H56-0002", "H56-0003"])
        #expect(d.map(\.status) == [.processing, .returned, .resultReady])
        #expect(d[0].receivedAt == LocalDate(iso: "2026-11-03")!.epochSeconds(utcOffsetSeconds: 25_200) + 8 * 3600 + 900)
        #expect(d[0].appointmentDate.iso == "2026-11-10")
        #expect(d[0].citizenPhone == "0912345678" && d[0].returnChannel == .atCenter && d[0].receivedSite == "dn-haichau")
        #expect(d[1].procedureName == "Chứng thực, bản sao" && d[1].returnChannel == .byPost)
        #expect(d[1].returnedAt == LocalDate(iso: "2026-11-05")!.epochSeconds(utcOffsetSeconds: 25_200) + 16 * 3600)
        #expect(d[1].statusChangedAt == d[1].returnedAt)
        #expect(d[2].procedure == "1.001612" && d[2].procedureName == "1.001612" && d[2].citizenName == "Lê Văn Cường")
        #expect(d[2].citizenPhone == nil && d[2].returnedAt == nil && d[2].revision == 0)
    }

    @Test func badRowsAreReportedExactlyAndTheRestIsImported() {
        let r = run(
            Self.header
                + "H56-0001,1.001612,Khai sinh,03/11/2026,10/11/2026,,Đang xử lý,Nguyễn Văn Ánh,,\r\n"  // line 2 ok
                + "H5,1.001612,Khai sinh,03/11/2026,10/11/2026,,Đang xử lý,A,,\r\n"  // line 3 short code
                + "H56-0003,1.001612,Khai sinh,31/02/2026,10/11/2026,,Đang xử lý,B,,\r\n"  // line 4 bad date
                + "H56-0004,,Khai sinh,03/11/2026,,,Chờ gì đó,C,12345,Máy bay\r\n"  // line 5 four problems
                + "h56-0001,1.001612,Khai sinh,03/11/2026,10/11/2026,,Đang xử lý,D,,\r\n"  // line 6 duplicate of line 2
                + "H56-0006,1.001612,Khai sinh,03/11/2026,10/11/2026,,Đã trả kết quả,E,,\r\n"  // line 7 returned, no date
                + "H56-0007,1.001612,Khai sinh,12/11/2026,10/11/2026,,,F,,\r\n"  // line 8 appt before receipt
                + "\"H56-0008,1.001612,Khai sinh\r\n"  // line 9 unterminated quote
        )
        #expect(r.dossiers.map(\.receiptCode) == ["H56-0001"])
        #expect(r.rowsRead == 8 && r.rowsRejected == 7)
        #expect(
            r.errors == [
                RowError(
                    line: 3, column: "Mã hồ sơ", code: "invalid-receipt-code", message: "receipt code 'H5': 2 characters, at least 5 needed"
                ),
                RowError(
                    line: 4, column: "Ngày nhận", code: "invalid-date",
                    message: "received-at '31/02/2026' matches none of the formats dd/MM/yyyy HH:mm, dd/MM/yyyy, yyyy-MM-dd"),
                RowError(line: 5, column: "Mã TTHC", code: "missing-value", message: "procedure is empty"),
                RowError(line: 5, column: "Hẹn trả", code: "missing-value", message: "appointment-date is empty"),
                RowError(line: 5, column: "Trạng thái", code: "unknown-status", message: "status 'Chờ gì đó' is not in the status mapping"),
                RowError(line: 5, column: "Điện thoại", code: "invalid-phone", message: "phone '12345' is not a Vietnamese phone number"),
                RowError(
                    line: 5, column: "Hình thức nhận", code: "unknown-return-channel",
                    message: "return channel 'Máy bay' is not in the channel mapping"),
                RowError(
                    line: 6, column: "Mã hồ sơ", code: "duplicate-receipt-code",
                    message: "receipt code H56-0001 already appears on "
                        + "line 2"),
                RowError(
                    line: 7, column: "Ngày trả", code: "returned-without-date",
                    message: "status is returned but the return date is empty or not mapped"),
                RowError(
                    line: 8, column: "Hẹn trả", code: "appointment-before-receipt",
                    message: "appointment date 2026-11-10 is before the receipt date 2026-11-12"),
                RowError(line: 9, column: nil, code: "csv-syntax", message: "quoted field is never closed"),
                RowError(
                    line: 9, column: "Mã hồ sơ", code: "invalid-receipt-code",
                    message: "receipt code 'H56-0008,1.001612,Khai sinh': character ',' at position 9 is not allowed"),
                RowError(line: 9, column: "Mã TTHC", code: "missing-value", message: "procedure is missing: the row has only 1 columns"),
                RowError(
                    line: 9, column: "Ngày nhận", code: "missing-value", message: "received-at is missing: the row has only 1 columns"),
                RowError(
                    line: 9, column: "Hẹn trả", code: "missing-value", message: "appointment-date is missing: the row has only 1 columns"),
                RowError(
                    line: 9, column: "Người nộp", code: "missing-value", message: "citizen-name is missing: the row has only 1 columns"),
            ])
        #expect(
            r.errors[0].description == "line 3, column Mã hồ sơ: invalid-receipt-code: receipt code 'H5': 2 characters, at least 5 needed")
    }

    /// A chunk of a file (the header plus records from line k on) with `lineOffset` k − 2 reports exactly the
    /// whole file's errors for those lines, messages included ("already appears on line N").
    @Test func chunkWithLineOffsetReportsTheFilesLines() throws {
        let (bytes, _) = DossierSampleData.generate(rows: 1_000, seed: 11, badRowEvery: 25)
        let whole = DossierImporter.importCSV(bytes, mapping: DossierSampleData.mapping, site: Self.site, firstSeq: 1)
        // Line starts (the generator writes one record per line, CRLF).
        var starts = [0]
        for i in bytes.indices where bytes[i] == 0x0A { starts.append(i + 1) }
        let k = 601  // chunk = header + lines 601…; no duplicate pair spans lines 600/601 (row 600 has a bad date)
        let chunk = Array(bytes[0..<starts[1]]) + Array(bytes[starts[k - 1]...])
        let part = DossierImporter.importCSV(chunk, mapping: DossierSampleData.mapping, site: Self.site, firstSeq: 1, lineOffset: k - 2)
        let expected = whole.errors.filter { $0.line >= k }
        #expect(part.errors == expected)
        #expect(expected.contains { $0.code == "duplicate-receipt-code" && $0.message.contains("line \($0.line - 1)") })
    }

    @Test func existingCodesAreRefused() {
        let r = run(Self.header + "H56-0001,1.001612,K,03/11/2026,10/11/2026,,,A,,\r\n", existing: ["H56-0001"])
        #expect(r.dossiers.isEmpty)
        #expect(r.errors.map(\.code) == ["receipt-code-exists"])
    }

    @Test func invalidUTF8IsARowError() {
        var bytes = Array((Self.header + "H56-0001,1.001612,K,03/11/2026,10/11/2026,,,").utf8)
        bytes += [0x4E, 0x67, 0x75, 0x79, 0xE1, 0xBB] + Array(",,\r\nH56-0002,1.001612,K,03/11/2026,10/11/2026,,,B,,\r\n".utf8)
        let r = DossierImporter.importCSV(bytes, mapping: Self.mapping, site: Self.site, firstSeq: 1)
        #expect(r.errors.map(\.code) == ["invalid-utf8"])
        #expect(r.errors.first?.line == 2)
        #expect(r.dossiers.map(\.receiptCode) == ["H56-0002"])
    }

    @Test func mappingByIndexWithoutHeaderAndSemicolons() {
        var m = CSVColumnMapping(
            columns: [
                .receiptCode: .index(0), .procedure: .index(1), .receivedAt: .index(2),
                .appointmentDate: .index(3), .citizenName: .index(4), .status: .index(5),
            ],
            hasHeader: false, delimiter: ";", dateFormats: ["dd/MM/yyyy"])
        m.statusValues = ["Xong": .returned, "Chờ": .processing]
        let r = run("ABC-00001;P1;01/11/2026;05/11/2026;Phạm Thị Dung;chờ\nABC-00002;P1;01/11/2026;05/11/2026;Hồ Văn Em\n", mapping: m)
        #expect(r.errors == [])
        #expect(r.dossiers.map(\.status) == [.processing, .received])
    }

    @Test func missingHeaderColumnIsAFileProblem() {
        var m = Self.mapping
        m.columns[.clerk] = .header("Cán bộ")
        let r = run(Self.header + "H56-0001,1.001612,K,03/11/2026,10/11/2026,,,A,,\r\n", mapping: m)
        #expect(r.fileProblem == .missingColumn(.clerk, .header("Cán bộ")))
        #expect(r.dossiers.isEmpty && r.rowsRead == 0)
        m.columns[.clerk] = nil
        m.columns[.citizenName] = nil
        #expect(run(Self.header, mapping: m).fileProblem == .requiredFieldUnmapped(.citizenName))
        var bad = Self.mapping
        bad.dateFormats = ["dd/MM/yy"]
        #expect(run(Self.header, mapping: bad).fileProblem == .invalidDateFormat("dd/MM/yy"))
        bad = Self.mapping
        bad.delimiter = "||"
        #expect(run(Self.header, mapping: bad).fileProblem == .invalidDelimiter("||"))
    }

    @Test func headerMatchIsTrimmedCaseInsensitiveAndNormalisationBlind() {
        // Header written in NFD with odd case and spaces; mapping in NFC.
        let header =
            " MÃ HỒ SƠ ,Mã TTHC,Tên thủ tục,Ngày nhận,Hẹn trả,Ngày trả,Trạng thái,Ngu\u{31B}o\u{31B}\u{300}i nộp,Điện thoại,Hình thức "
            + "nhận\n"
        let r = run(header + "H56-0001,1.001612,K,03/11/2026,10/11/2026,,\"ĐANG XỬ LÝ\",A,,\n")
        #expect(r.fileProblem == nil)
        #expect(r.errors == [])
        #expect(r.dossiers.first?.status == .processing)
    }

    @Test func streamingInSmallChunksGivesTheSameResult() {
        let (bytes, _) = DossierSampleData.generate(rows: 300, seed: 9, badRowEvery: 7)
        let whole = DossierImporter.importCSV(bytes, mapping: DossierSampleData.mapping, site: Self.site, firstSeq: 1)
        var imp = DossierImporter(mapping: DossierSampleData.mapping, site: Self.site, firstSeq: 1)
        var i = 0
        while i < bytes.count {
            imp.feed(Array(bytes[i..<min(i + 37, bytes.count)]))
            i += 37
        }
        let chunked = imp.finish()
        #expect(chunked.dossiers == whole.dossiers)
        #expect(chunked.errors == whole.errors)
        #expect(whole.rowsRejected == 300 / 7)
    }

    @Test func errorListIsCapped() {
        var body = Self.header
        for i in 0..<20 { body += "X\(i),,,,,,,,,\r\n" }
        var imp = DossierImporter(mapping: Self.mapping, site: Self.site, firstSeq: 1, maxErrors: 5)
        imp.feed(Array(body.utf8))
        let r = imp.finish()
        #expect(r.errors.count == 5 && r.errorsTruncated && r.rowsRejected == 20)
    }

    @Test func fieldSlotsFollowAllCases() {
        #expect(CSVColumnMapping.Field.allCases.map(\.slot) == Array(0..<CSVColumnMapping.Field.allCases.count))
    }

    @Test func mappingDecodesFromJSON() throws {
        let json = """
            {"columns": {"receipt-code": "Mã hồ sơ", "procedure": 1, "received-at": "Ngày nhận", "appointment-date": 3,
                         "citizen-name": "Tên"},
             "hasHeader": true, "delimiter": ",", "dateFormats": ["dd/MM/yyyy"], "statusValues": {"Xong": "returned"},
             "returnChannelValues": {}, "utcOffsetSeconds": 25200}
            """
        let m = try JSONDecoder().decode(CSVColumnMapping.self, from: Data(json.utf8))
        #expect(m.columns[.receiptCode] == .header("Mã hồ sơ"))
        #expect(m.columns[.procedure] == .index(1))
        #expect(m.statusValues["Xong"] == .returned)
        let minimal = try JSONDecoder().decode(CSVColumnMapping.self, from: Data(#"{"columns": {"receipt-code": 0}}"#.utf8))
        #expect(minimal.delimiter == "," && minimal.hasHeader && minimal.statusValues["Đang xử lý"] == .processing)
    }
}

import Foundation
