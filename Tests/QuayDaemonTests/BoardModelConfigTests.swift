import Foundation
import QuayControl
import QuayDevices
@testable import QuayDaemon
import Testing

/// `[[board_model]]`: a center describes its board's register map in quayd.toml; check-config names the line of
/// every mistake; a bus using the model writes what the model says (pymodbus simulator).
@Suite struct BoardModelConfigTests {
    static let bcdModel = """
        [[board_model]]
        name = "acme-bcd"
        number_register = 16
        encoding = "bcd"
        digits = 4
        blink_register = 17
        clear_value = 0
        function = "fc16"
        combine_blink = true
        """

    @Test func aConfiguredModelIsRead() throws {
        let cfg = try ConfigLoader.parse(TestConfig.with(Self.bcdModel))
        let m = try #require(cfg.devices.boardModel(named: "acme-bcd"))
        #expect(m.numberRegister == 16 && m.encoding == .bcd && m.digits == 4 && m.blinkRegister == 17)
        #expect(m.clearValue == 0 && m.writeMultipleOnly && m.combineBlinkWrite)
        #expect(cfg.devices.boardModel(named: "generic-4digit") == .generic4Digit)
    }

    @Test func mistakesNameTheirLine() throws {
        let text = TestConfig.with(
            """
            [[board_model]]
            name = "generic-4digit"
            encoding = "gray"
            digits = 9
            blink_register = 0
            function = "fc05"
            colour = "red"

            [[board_bus]]
            role = "boards"
            match = "/dev/ttyS9"
            model = "acme"
            """)
        do {
            _ = try ConfigLoader.parse(text)
            Issue.record("expected config errors")
        } catch {
            let problems = error.problems.map(\.description).joined(separator: "\n")
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            func line(_ prefix: String) -> Int { (lines.firstIndex { $0.hasPrefix(prefix) } ?? -2) + 1 }
            #expect(
                problems.contains(
                    "line \(line("name = \"generic-4digit\"")): board_model[0].name: board model 'generic-4digit' is already defined"),
                "\(problems)")
            #expect(
                problems.contains("line \(line("encoding = \"gray\"")): board_model[0].encoding: must be binary, bcd or ascii"),
                "\(problems)")
            #expect(problems.contains("board_model[0].digits: must be between 1 and 5"), "\(problems)")
            #expect(problems.contains("board_model[0].blink_register: overlaps the number's registers 0...0"), "\(problems)")
            #expect(problems.contains("board_model[0].function: must be fc06 or fc16"), "\(problems)")
            #expect(problems.contains("board_model[0].colour: unknown key"), "\(problems)")
            #expect(problems.contains("board_bus[0].model: unknown board model 'acme' (known: generic-4digit, text-4"), "\(problems)")
        }
    }

    /// A call on a bus whose boards are of the configured model: BCD in register 16 with FC16, blink beside it.
    @Test func aBusUsesItsConfiguredModel() throws {
        let dir = TempDir("quay-e2e-board-model")
        let sim = try DevicesEndToEndTests.boardSimulator(dir)
        defer { sim.stop() }
        let bus = DevicesEndToEndTests.boardBusConfig(dir).replacingOccurrences(of: "generic-4digit", with: "acme-bcd")
        let d = try DaemonProcess(config: TestConfig.with(Self.bcdModel + "\n\n" + bus), dir: dir)
        try d.start()
        let c = try d.client()
        for _ in 0..<15 { _ = try c.issue() }
        for _ in 0..<15 { _ = try c.call("call-next", ["counter": .string("q2")]) }  // A015 on board 2
        var writes: [String] = []
        for _ in 0..<200 {
            writes = ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
            if writes.contains(where: { $0.contains("\"values\": [21, 0]") }) { break }
            usleep(50_000)
        }
        // 0x0015 = 21 (BCD of 15) and blink off, in one FC16 frame at register 16.
        #expect(
            writes.contains {
                $0.contains("\"unit\": 2") && $0.contains("\"fc\": 16") && $0.contains("\"address\": 16")
                    && $0.contains("\"values\": [21, 0]")
            },
            "\(writes.suffix(4))")
        #expect(!writes.contains { $0.contains("\"address\": 0,") }, "nothing written to the generic model's register")
        d.stop()
    }
}
