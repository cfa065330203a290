/// Deterministic synthetic provincial exports for tests and the benchmark: Vietnamese headers, names and
/// statuses, a BOM, CRLF line ends, quoted notes with commas and doubled quotes, appointments in November 2026.
/// The generator also tallies what `DossierStats` must report, as an independent check.
public enum DossierSampleData {
    /// Appointment dates fall in this month; stats tests use `today` = `sampleToday`.
    public static let month = (from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 11, day: 30)!)
    public static let sampleToday = LocalDate(year: 2026, month: 11, day: 20)!

    public static let header = [
        "STT", "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Ngày tiếp nhận", "Ngày hẹn trả",
        "Ngày trả kết quả", "Trạng thái", "Họ tên", "Số điện thoại", "Hình thức trả", "Ghi chú",
    ]

    /// The column mapping for the generated files.
    public static var mapping: CSVColumnMapping {
        CSVColumnMapping(
            columns: [
                .receiptCode: .header("Mã hồ sơ"), .procedure: .header("Mã thủ tục"), .procedureName: .header("Tên thủ tục"),
                .receivedAt: .header("Ngày tiếp nhận"), .appointmentDate: .header("Ngày hẹn trả"),
                .returnedAt: .header("Ngày trả kết quả"), .status: .header("Trạng thái"), .citizenName: .header("Họ tên"),
                .phone: .header("Số điện thoại"), .returnChannel: .header("Hình thức trả"), .note: .header("Ghi chú"),
            ], dateFormats: ["dd/MM/yyyy HH:mm", "dd/MM/yyyy"])
    }

    public static let procedures: [(code: String, name: String)] = [
        ("1.001612", "Đăng ký khai sinh"), ("1.000656", "Đăng ký kết hôn"), ("1.000689", "Đăng ký khai tử"),
        ("2.000908", "Chứng thực bản sao từ bản chính"), ("2.000815", "Chứng thực chữ ký"),
        ("1.004227", "Cấp giấy xác nhận tình trạng hôn nhân"), ("1.003583", "Đăng ký thường trú"),
        ("2.001035", "Trợ cấp xã hội hàng tháng"), ("1.001193", "Cấp phép xây dựng nhà ở riêng lẻ"),
        ("1.000046", "Đăng ký hộ kinh doanh"), ("1.005392", "Xác nhận hợp đồng chuyển nhượng đất"),
        ("2.002165", "Trích lục hộ tịch"),
    ]

    /// What the stats over `month` with `today` = `sampleToday` must say, and how many rows were made bad.
    public struct Expected: Sendable, Equatable {
        public var rows = 0
        public var badRows = 0
        public var counts = DossierStats.Counts()
        public var perProcedure: [String: DossierStats.Counts] = [:]
    }

    public static func generateCSV(rows: Int, seed: UInt64) -> String {
        String(decoding: generate(rows: rows, seed: seed).bytes, as: UTF8.self)
    }

    /// `badRowEvery` > 0 makes every n-th data row invalid (bad date, empty receipt code, unknown status or
    /// duplicate code, in turn).
    public static func generate(rows: Int, seed: UInt64, badRowEvery: Int = 0) -> (bytes: [UInt8], expected: Expected) {
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(rows * 190)
        out.append(contentsOf: header.map(CSVWriter.escape).joined(separator: ",").utf8)
        out.append(contentsOf: [0x0D, 0x0A])
        var exp = Expected()
        exp.rows = rows
        let family = [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
        ]
        let middle = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Thị Thu", "Văn Quốc"]
        let given = [
            "An", "Ánh", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam",
            "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
        ]
        let channels = ["Trực tiếp", "Trực tiếp", "Trực tiếp", "Bưu chính công ích", "Tại điểm tiếp nhận"]
        let first = month.from.dayNumber
        let days = month.to.dayNumber - first + 1
        let today = sampleToday.dayNumber
        var prevCode = ""
        for i in 1...max(rows, 1) where rows > 0 {
            let p = procedures[Int(rng.next() % UInt64(procedures.count))]
            let appt = first + Int(rng.next() % UInt64(days))
            let received = appt - 1 - Int(rng.next() % 15)
            let minute = 450 + Int(rng.next() % 570)
            let roll = Int(rng.next() % 1000)
            var status: DossierStatus
            var returned: Int?
            switch roll {
            case 0..<720:
                status = .returned
                returned = appt - Int(rng.next() % 4)
            case 720..<800:
                status = .returned
                returned = appt + 1 + Int(rng.next() % 5)
            case 800..<860: status = .resultReady
            case 860..<920: status = .processing
            case 920..<950: status = .needsSupplement
            case 950..<970: status = .rejected
            case 970..<980: status = .withdrawn
            default: status = .received
            }
            var code = "H56.22-" + date6(received) + "-" + pad(i, 7)
            var apptText = dmy(appt)
            var statusText = status.vietnameseLabel
            let bad = badRowEvery > 0 && i % badRowEvery == 0
            if bad {
                exp.badRows += 1
                switch (i / badRowEvery) % 4 {
                case 0: apptText = "31/02/2026"
                case 1: code = ""
                case 2: statusText = "Không rõ"
                default: code = prevCode.isEmpty ? "" : prevCode  // duplicate of the previous row's code
                }
            } else {
                var c = exp.perProcedure[p.code] ?? DossierStats.Counts()
                c.total += 1
                switch status {
                case .returned: if returned! <= appt { c.onTime += 1 } else { c.late += 1 }
                case .rejected, .withdrawn: c.closed += 1
                default: if today > appt { c.overdue += 1 } else { c.pending += 1 }
                }
                exp.perProcedure[p.code] = c
            }
            prevCode = code
            let name =
                family[Int(rng.next() % UInt64(family.count))] + " " + middle[Int(rng.next() % UInt64(middle.count))] + " "
                + given[Int(rng.next() % UInt64(given.count))]
            let phone = rng.next() % 3 == 0 ? "" : "09" + pad(Int(rng.next() % 100_000_000), 8)
            let note = i % 10 == 0 ? "\"Hồ sơ \"\"gấp\"\", ưu tiên\"" : ""
            var line = String(i) + "," + code + "," + p.code + "," + p.name + "," + dmy(received) + " " + hm(minute) + "," + apptText + ","
            line += (returned.map { dmy($0) + " " + hm(minute) } ?? "") + "," + statusText + "," + name + "," + phone + ","
            line += channels[Int(rng.next() % UInt64(channels.count))] + "," + note + "\r\n"
            out.append(contentsOf: line.utf8)
        }
        for c in exp.perProcedure.values { exp.counts += c }
        return (out, exp)
    }

    static func pad(_ v: Int, _ w: Int) -> String { LocalDate.pad(v, w) }
    static func dmy(_ day: Int) -> String {
        let c = LocalDate(dayNumber: day).components
        return pad(c.day, 2) + "/" + pad(c.month, 2) + "/" + String(c.year)
    }
    static func date6(_ day: Int) -> String {
        let c = LocalDate(dayNumber: day).components
        return pad(c.year % 100, 2) + pad(c.month, 2) + pad(c.day, 2)
    }
    static func hm(_ minute: Int) -> String { pad(minute / 60, 2) + ":" + pad(minute % 60, 2) }
}

/// Small deterministic PRNG (public-domain SplitMix64) so generated data is the same on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
