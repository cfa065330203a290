import Foundation
import QuayControl
import Testing

/// Devices driven by the real quayd through the control socket, against the independent simulators.
@Suite struct DevicesEndToEndTests {
    /// The pymodbus board simulator with units 1 and 2 on a pty linked at dir/bus, logging writes to dir/writes.jsonl.
    static func boardSimulator(_ dir: TempDir) throws -> SimProcess {
        let sim = try SimProcess(
            script: "modbus_board.py", arguments: ["--link", dir.file("bus"), "--units", "1,2", "--log", dir.file("writes.jsonl")])
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: dir.file("bus")) { usleep(50_000) }
        return sim
    }

    /// Boards 1 and 2 (counters q1, q2) on the simulator's bus.
    static func boardBusConfig(_ dir: TempDir) -> String {
        """
        [[board_bus]]
        role = "boards"
        match = "\(dir.file("bus"))"
        model = "generic-4digit"
        [board_bus.boards]
        q1 = 1
        q2 = 2
        """
    }

    static func printerConfig(_ pty: String) -> String {
        TestConfig.with(
            """
            [[printer]]
            role = "kiosk-printer"
            match = "\(pty)"
            profile = "generic-80"
            baud = 115200
            flow = "none"
            """)
    }

    @Test func issuedTicketPrintsAndPaperOutRefusesWithoutTakingANumber() throws {
        let dir = TempDir("quay-e2e-printer")
        let sim = try SimProcess(
            script: "escpos_printer.py", arguments: ["--pty", "--out", dir.file("paper"), "--prefix", "t", "--width", "576"])
        defer { sim.stop() }
        let pty = String(try sim.waitFor("PTY ").dropFirst(4))
        let d = try DaemonProcess(config: Self.printerConfig(pty), dir: dir)
        try d.start()
        let c = try d.client()

        let ok = try c.call("issue", ["service": .string("hotich"), "language": .string("km")])
        #expect(ok["ticket"]?["number"] == .string("A001"))
        #expect(ok["print"]?["ok"] == .bool(true), "\(ok)")
        let page = try sim.waitFor("PAGE ")
        #expect(page.contains(".png"))
        // The QR on paper carries the ticket code.
        let qr = try sim.waitFor("QR ")
        let payload = String(decoding: hexBytes(String(qr.dropFirst(3))), as: UTF8.self)
        #expect(payload.hasPrefix("QUAY1|test-site-T1|A001|"), "\(payload)")

        sim.send("paper-out")
        _ = try sim.waitFor("ACK paper-out")
        let refused = try c.call("issue", ["service": .string("hotich"), "language": .string("km")])
        #expect(refused["ok"] == .bool(false))
        #expect(refused["error"]?["code"] == .string("printer-paper-out"), "\(refused)")
        #expect(refused["error"]?["citizen"]?["vi"]?.string?.contains("hết giấy") == true)
        #expect(refused["error"]?["citizen"]?["km"]?.string?.isEmpty == false)
        let devices = try c.call("devices")["devices"]?.array ?? []
        #expect(devices.first { $0["role"] == .string("kiosk-printer") }?["condition"] == .string("paper-out"))

        sim.send("paper-ok")
        _ = try sim.waitFor("ACK paper-ok")
        // No number was taken while the paper was out: the next ticket is A002.
        let next = try c.call("issue", ["service": .string("hotich")])
        #expect(next["ticket"]?["number"] == .string("A002"), "\(next)")
        #expect(next["print"]?["ok"] == .bool(true))
    }

    @Test func aCallLightsTheCountersBoard() throws {
        let dir = TempDir("quay-e2e-board")
        let sim = try Self.boardSimulator(dir)
        defer { sim.stop() }
        let d = try DaemonProcess(config: TestConfig.with(Self.boardBusConfig(dir)), dir: dir)
        try d.start()
        let c = try d.client()
        for _ in 0..<15 { _ = try c.issue() }
        _ = try c.call("call-next", ["counter": .string("q2")])
        // Board 2 (counter q2) shows 1 (A001); board 1 stays untouched.
        var writes: [String] = []
        for _ in 0..<200 {
            writes = ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
            if writes.contains(where: { $0.contains("\"unit\": 2") && $0.contains("\"values\": [1]") }) { break }
            usleep(50_000)
        }
        #expect(
            writes.contains { $0.contains("\"unit\": 2") && $0.contains("\"address\": 0") && $0.contains("\"values\": [1]") }, "\(writes)")
        #expect(!writes.contains { $0.contains("\"unit\": 1") })
        // The simulator logs a write before it replies; the board turns ready when the reply is read.
        var state: JSONValue?
        for _ in 0..<40 {
            state = (try c.call("devices")["devices"]?.array ?? []).first { $0["role"] == .string("boards:q2") }?["state"]
            if state == .string("ready") { break }
            usleep(50_000)
        }
        #expect(state == .string("ready"))
    }
}

extension DevicesEndToEndTests {
    /// After a restart, each counter's board shows the ticket the counter is serving again (not blank).
    @Test func boardsShowTheCurrentCallAgainAfterARestart() throws {
        let dir = TempDir("quay-e2e-board-restart")
        let sim = try Self.boardSimulator(dir)
        defer { sim.stop() }
        let config = TestConfig.with(Self.boardBusConfig(dir))
        func writes() -> [String] {
            ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        func waitForShow(after: Int) -> Bool {
            for _ in 0..<200 {
                if writes().dropFirst(after).contains(where: { $0.contains("\"unit\": 2") && $0.contains("\"values\": [3]") }) {
                    return true
                }
                usleep(50_000)
            }
            return false
        }
        do {
            let d = try DaemonProcess(config: config, dir: dir)
            try d.start()
            let c = try d.client()
            for _ in 0..<3 { _ = try c.issue() }
            for _ in 0..<3 { _ = try c.call("call-next", ["counter": .string("q2")]) }
            #expect(waitForShow(after: 0), "\(writes())")
            d.stop()
        }
        let before = writes().count
        let d2 = try DaemonProcess(config: config, dir: dir)
        try d2.start()
        #expect(waitForShow(after: before), "after restart: \(writes().dropFirst(before))")
        #expect(
            !writes().dropFirst(before).contains { $0.contains("\"unit\": 1") && $0.contains("\"address\": 0") },
            "board 1 had nothing to show")
        d2.stop()
    }
}

extension DevicesEndToEndTests {
    /// `quayctl device test|identify ROLE` through the daemon, against the printer and board simulators.
    @Test func technicianTestsAndIdentifiesDevices() throws {
        let dir = TempDir("quay-e2e-devcheck")
        let printer = try SimProcess(
            script: "escpos_printer.py", arguments: ["--pty", "--out", dir.file("paper"), "--prefix", "t", "--width", "576"])
        defer { printer.stop() }
        let pty = String(try printer.waitFor("PTY ").dropFirst(4))
        let boards = try Self.boardSimulator(dir)
        defer { boards.stop() }
        let d = try DaemonProcess(config: Self.printerConfig(pty) + "\n" + Self.boardBusConfig(dir), dir: dir)
        try d.start()
        let c = try d.client()

        let test = try c.call("device-test", ["role": .string("kiosk-printer")])
        #expect(test["ok"] == .bool(true), "\(test)")
        _ = try printer.waitFor("PAGE ")
        let ident = try c.call("device-identify", ["role": .string("kiosk-printer")])
        #expect(ident["ok"] == .bool(true), "\(ident)")
        _ = try printer.waitFor("PAGE ")

        // Lamp test: every board shows 8888 then goes blank again; identify blinks each board's counter number.
        let lamp = try c.call("device-test", ["role": .string("boards")])
        #expect(lamp["ok"] == .bool(true) && lamp["failed"] == .object([:]), "\(lamp)")
        let blink = try c.call("device-identify", ["role": .string("boards")])
        #expect(blink["ok"] == .bool(true), "\(blink)")
        let writes = ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n")
        for unit in [1, 2] {
            let mine = writes.filter { $0.contains("\"unit\": \(unit)") }
            #expect(mine.contains { $0.contains("\"values\": [8888") }, "unit \(unit): \(mine)")
            #expect(
                mine.contains { $0.contains("\"values\": [\(unit), 1]") || ($0.contains("\"values\": [\(unit)]")) }, "unit \(unit): \(mine)"
            )
        }

        let unknown = try c.call("device-test", ["role": .string("nope")])
        #expect(unknown["error"]?["code"] == .string("unknown-device"))
        let missing = try c.call("device-identify")
        #expect(missing["error"]?["code"] == .string("missing-field"))
        let unassigned = try c.call("devices", ["args": .object(["unassigned": .bool(true)])])
        #expect(unassigned["ok"] == .bool(true) && unassigned["unassigned"]?.array != nil, "\(unassigned)")
    }
}

func hexBytes(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = s.trimmingCharacters(in: .whitespaces).makeIterator()
    while let a = it.next(), let b = it.next() { if let v = UInt8(String([a, b]), radix: 16) { out.append(v) } }
    return out
}
