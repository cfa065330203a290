import Foundation
import QuayControl
import Testing

/// Results-ready on the hall's devices: a hall sign with `results_ready = true` shows the masked receipt codes
/// whose result is ready (never a full code or a name), and a counter board blinks when a return ticket is called.
@Suite struct ResultsReadyDisplayTests {
    static let dossiers = """
        [dossiers]
        return_service = "datdai"
        """

    static func makeReady(_ c: ControlClient, code: String) throws {
        let created = try c.call(
            "dossier-create",
            [
                "counter": .string("q1"),
                "args": .object([
                    "receiptCode": .string(code), "procedure": .string("1.001612"), "appointmentDate": .string("2030-01-15"),
                    "citizenName": .string("Nguyễn Văn Ánh"),
                ]),
            ])
        #expect(created["ok"] == .bool(true), "\(created)")
        let ready = try c.call("dossier-update", ["args": .object(["dossier": .string(code), "status": .string("result-ready")])])
        #expect(ready["ok"] == .bool(true), "\(ready)")
    }

    @Test func hallSignShowsMaskedReadyReceipts() throws {
        let dir = TempDir("quay-e2e-sign-ready")
        let reader = try SimProcess(
            script: "alphasign_reader.py", arguments: ["--link", dir.file("sign"), "--out", dir.file("packets.jsonl")])
        defer { reader.stop() }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: dir.file("sign")) { usleep(50_000) }
        let config = TestConfig.with(
            Self.dossiers + """


                [[hall_sign]]
                role = "hall-sign"
                match = "\(dir.file("sign"))"
                results_ready = true
                """)
        let d = try DaemonProcess(config: config, dir: dir)
        try d.start()
        let c = try d.client()
        _ = try c.issue()
        _ = try c.call("call-next", ["counter": .string("q1")])
        try Self.makeReady(c, code: "H56.22-2611-000123")
        func texts() -> [String] {
            ((try? String(contentsOfFile: dir.file("packets.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        var last = ""
        for _ in 0..<200 {
            last = texts().last ?? ""
            if last.contains("Da co ket qua") { break }
            usleep(50_000)
        }
        // The call first, then the ready receipts: last digits and initials only.
        #expect(last.contains("Moi so A001 den quay 1 - Da co ket qua: *0123 N.V.A"), "\(last)")
        #expect(!texts().contains { $0.contains("000123") || $0.contains("Nguyen") }, "no full code or name on the sign")
        d.stop()
    }

    @Test func boardBlinksWhenAReturnTicketIsCalled() throws {
        let dir = TempDir("quay-e2e-board-return")
        let sim = try DevicesEndToEndTests.boardSimulator(dir)
        defer { sim.stop() }
        let d = try DaemonProcess(config: TestConfig.with(Self.dossiers + "\n\n" + DevicesEndToEndTests.boardBusConfig(dir)), dir: dir)
        try d.start()
        let c = try d.client()
        try Self.makeReady(c, code: "H56.22-2611-000124")
        let ret = try c.call("issue-return", ["args": .object(["code": .string("H56.22-2611-000124")])])
        #expect(ret["ok"] == .bool(true), "\(ret)")
        _ = try c.issue()  // an ordinary ticket, called at q2 (which does not serve returns): no blink
        _ = try c.call("call-next", ["counter": .string("q2")])
        _ = try c.call("call-next", ["counter": .string("q1")])  // the return ticket B001 on board 1
        var writes: [String] = []
        for _ in 0..<200 {
            writes = ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
            if writes.contains(where: { $0.contains("\"unit\": 1") && $0.contains("\"address\": 1") }) { break }
            usleep(50_000)
        }
        // generic-4digit: number in register 0, blink flag in register 1.
        #expect(
            writes.contains { $0.contains("\"unit\": 1") && $0.contains("\"address\": 1") && $0.contains("\"values\": [1]") }, "\(writes)")
        #expect(
            writes.contains { $0.contains("\"unit\": 2") && $0.contains("\"address\": 1") && $0.contains("\"values\": [0]") }, "\(writes)")
        d.stop()
    }
}
