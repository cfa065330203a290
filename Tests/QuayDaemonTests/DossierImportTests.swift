import Foundation
import QuayControl
import QuayCore
import Testing

/// dossier-import through the socket: good rows are stored, every bad row is reported with line, column and code.
@Suite struct DossierImportTests {
    static let header =
        "STT,Mã hồ sơ,Mã thủ tục,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Họ tên,Số điện thoại,Hình thức "
        + "trả,Ghi chú\r\n"
    static let csv =
        header
        + [
            "1,H56-0001,1.001612,Đăng ký khai sinh,02/11/2026 08:15,05/11/2026,,Đang xử lý,Nguyễn Văn An,0912345678,Trực tiếp,",
            "2,H56-0002,1.001612,Đăng ký khai sinh,hôm qua,05/11/2026,,Đang xử lý,Trần Thị Bình,,Trực tiếp,",
            "3,,1.000656,Đăng ký kết hôn,02/11/2026,05/11/2026,,Đang xử lý,Lê Văn Cường,,Trực tiếp,",
            "4,H56-0004,1.000656,Đăng ký kết hôn,02/11/2026,05/11/2026,,Đang bay,Lê Văn Dũng,,Trực tiếp,",
            "5,H56-0001,1.000656,Đăng ký kết hôn,02/11/2026,05/11/2026,,Đang xử lý,Phạm Thị Hà,,Trực tiếp,",
            "6,H56-0006,2.000908,Chứng thực bản sao,03/11/2026,03/11/2026,03/11/2026 10:00,Đã trả kết quả,Võ Minh Tâm,,Trực tiếp,\"ghi "
                + "chú, có dấu phẩy\"",
            "7,H56-0007,2.000908,Chứng thực bản sao,03/11/2026,04/11/2026,,Đã có kết quả,Đỗ Thu Trang,,Trực tiếp,",
        ].joined(separator: "\r\n") + "\r\n"

    static func importCSV(_ c: ControlClient, _ csv: String) throws -> JSONValue {
        try c.call("dossier-import", ["args": .object(["csv": .string(csv)])])
    }

    @Test func goodAndBadRows() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        let r = try Self.importCSV(c, Self.csv)
        #expect(r["ok"] == .bool(true))
        #expect(r["rowsRead"] == .number(7))
        #expect(r["imported"] == .number(3))
        #expect(r["rejected"] == .number(4))
        #expect(r["firstId"] == .string("test-site-D1"))
        #expect(r["lastId"] == .string("test-site-D3"))
        let errors = try #require(r["errors"]?.array)
        let got = errors.map { "\(Int($0["line"]?.number ?? 0))|\($0["column"]?.string ?? "-")|\($0["code"]?.string ?? "")" }
        #expect(
            got == [
                "3|Ngày tiếp nhận|invalid-date",
                "4|Mã hồ sơ|missing-value",
                "5|Trạng thái|unknown-status",
                "6|Mã hồ sơ|duplicate-receipt-code",
            ])
        #expect(errors[3]["message"] == .string("receipt code H56-0001 already appears on line 2"))
        #expect(errors[2]["message"] == .string("status 'Đang bay' is not in the status mapping"))

        let six = try c.call("dossier-get", ["args": .object(["dossier": .string("h56-0006")])])
        #expect(six["dossier"]?["status"] == .string("returned"))
        #expect(six["dossier"]?["note"] == .string("ghi chú, có dấu phẩy"))
        // Imported result-ready dossiers appear on the hall list.
        #expect(try c.call("results-ready")["entries"]?.array?.map { $0["maskedCode"]?.string ?? "" } == ["•••• 0007 Đ.T.T"])

        // Importing again: every stored code is refused, with its line; nothing is imported twice.
        let again = try Self.importCSV(c, Self.csv)
        #expect(again["imported"] == .number(0))
        let codes = again["errors"]?.array?.filter { $0["code"] == .string("receipt-code-exists") }.map { Int($0["line"]?.number ?? 0) }
        #expect(codes == [2, 6, 7, 8])

        let stats = try c.call(
            "dossier-stats",
            [
                "args": .object([
                    "from": .string("2026-11-01"), "to": .string("2026-11-30"),
                    "today": .string("2026-11-20"),
                ])
            ])
        #expect(stats["total"]?["total"] == .number(3))
        #expect(stats["total"]?["onTime"] == .number(1))
        #expect(stats["total"]?["overdue"] == .number(2))
        #expect(stats["csv"]?.string?.hasPrefix("period,group,name,total") == true)
    }

    @Test func unreadableMappingIsOneError() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        let r = try Self.importCSV(c, "a,b,c\r\n1,2,3\r\n")
        #expect(r["error"]?["code"] == .string("invalid-argument"))
        let empty = try c.call("dossier-import", ["args": .object([:])])
        #expect(empty["error"]?["code"] == .string("missing-field"))
    }
}

/// Large imports: `dossier-import` alone may send request lines above the general 64 KiB limit (up to 4 MiB and
/// 10,000 rows, each request one transaction); quayctl sends a file over one connection in such chunks.
@Suite struct DossierImportLimitTests {
    static func request(_ csv: String, id: Int = 1) throws -> String {
        let args: JSONValue = .object(["csv": .string(csv)])
        let data = try JSONEncoder().encode(JSONValue.object(["id": .number(Double(id)), "op": .string("dossier-import"), "args": args]))
        return String(decoding: data, as: UTF8.self)
    }

    @Test func largeLinesOnlyForImportWithinBounds() throws {
        let d = try DaemonProcess()
        try d.start()
        // Over the row limit (10,001 rows, ~1.9 MB): refused as a whole, nothing stored.
        let (many, _) = DossierSampleData.generate(rows: 10_001, seed: 5)
        let c = try d.client()
        try c.send(raw: try Self.request(String(decoding: many, as: UTF8.self)))
        let refused = try c.readLine()
        #expect(refused["error"]?["code"] == .string("too-many-rows"), "\(refused)")
        let month = ["from": JSONValue.string("2026-11-01"), "to": .string("2026-11-30"), "today": .string("2026-11-20")]
        #expect(try c.call("dossier-stats", ["args": .object(month)])["total"]?["total"] == .number(0))

        // 3,000 rows (~560 KB) in one request: stored, bad rows listed with the lines the importer gives.
        let (bytes, expected) = DossierSampleData.generate(rows: 3_000, seed: 6, badRowEvery: 100)
        #expect(bytes.count > 500_000)
        try c.send(raw: try Self.request(String(decoding: bytes, as: UTF8.self), id: 2))
        let r = try c.readLine()
        #expect(r["imported"] == .number(Double(expected.rows - expected.badRows)), "\(r["error"] ?? r["imported"] ?? .null)")
        #expect(r["rejected"] == .number(Double(expected.badRows)))
        let reference = DossierImporter.importCSV(
            bytes, mapping: DossierSampleData.mapping, site: SiteID(rawValue: "test-site")!, firstSeq: 1)
        #expect(r["errors"]?.array?.map { Int($0["line"]?.number ?? 0) } == reference.errors.map(\.line))
        #expect(try c.call("dossier-stats", ["args": .object(month)])["total"]?["total"] == .number(Double(expected.counts.total)))

        // Any other op keeps the 64 KiB limit, even from a peer allowed to import.
        let other = try d.client()
        try other.send(raw: #"{"id":3,"op":"dossier-get","args":{"dossier":"x","pad":""# + String(repeating: "x", count: 100_000) + #""}}"#)
        let tooLong = try other.readLine()
        #expect(tooLong["error"]?["code"] == .string("line-too-long"))
        #expect(tooLong["error"]?["message"]?.string?.contains("65536") == true, "\(tooLong)")

        // Above 4 MiB even an import is refused, and the connection is closed.
        let huge = try d.client()
        // quayd answers and closes as soon as 4 MiB have arrived, so the rest of the write may fail.
        do { try huge.send(raw: try Self.request(String(repeating: "a,b\r\n", count: 900_000))) } catch {}
        let over = try huge.readLine()
        #expect(over["error"]?["code"] == .string("line-too-long"))
        #expect(over["error"]?["message"]?.string?.contains("4194304") == true, "\(over)")
        #expect(throws: ControlClient.ClientError.self) { _ = try huge.readLine(timeoutMs: 5000) }
        #expect(try d.client().call("ping")["ok"] == .bool(true))
    }

    @Test func quayctlSendsChunksAndKeepsFileLinesAndOrder() throws {
        let d = try DaemonProcess()
        try d.start()
        let (bytes, expected) = DossierSampleData.generate(rows: 2_000, seed: 8, badRowEvery: 100)
        let file = d.dir.file("export.csv")
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayctl)
        p.arguments = ["dossier", "import", file, "--socket", d.socket, "--json", "--chunk-rows", "250"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let r = try JSONDecoder().decode(JSONValue.self, from: data)
        let good = expected.rows - expected.badRows
        #expect(r["imported"] == .number(Double(good)))
        #expect(r["rejected"] == .number(Double(expected.badRows)))
        // Line numbers are the file's although each chunk starts with the header again, in messages too
        // ("already appears on line N"); no duplicate here spans two chunks, so every error is the whole file's.
        let reference = DossierImporter.importCSV(
            bytes, mapping: DossierSampleData.mapping, site: SiteID(rawValue: "test-site")!, firstSeq: 1)
        let got = r["errors"]?.array?.map { "\(Int($0["line"]?.number ?? 0)) \($0["code"]?.string ?? "") \($0["message"]?.string ?? "")" }
        #expect(got == reference.errors.map { "\($0.line) \($0.code) \($0.message)" })
        #expect(reference.errors.contains { $0.code == "duplicate-receipt-code" && $0.line > 250 })
        // Chunks are stored in file order: ids follow the file.
        let c = try d.client()
        for k in [0, 400, good - 1] {
            let got = try c.call("dossier-get", ["args": .object(["dossier": .string(reference.dossiers[k].receiptCode)])])
            #expect(got["dossier"]?["id"] == .string("test-site-D\(k + 1)"))
        }
    }
}
