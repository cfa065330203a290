import Foundation
import QuayControl
import Testing

/// A USB–RS-485 adapter that resets: the board simulator behind a path-bound `[[board_bus]]` is killed and
/// started again at the same link. quayd must reopen the path by itself and show the current call again.
@Suite struct BoardBusRecoveryTests {
    @Test func boardsComeBackAfterTheAdapterResets() throws {
        let dir = TempDir("quay-e2e-board-reset")
        var sim = try DevicesEndToEndTests.boardSimulator(dir)
        defer { sim.stop() }
        let d = try DaemonProcess(config: TestConfig.with(DevicesEndToEndTests.boardBusConfig(dir)), dir: dir)
        try d.start()
        let c = try d.client()
        func writes() -> [String] {
            ((try? String(contentsOfFile: dir.file("writes.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        func waitFor(unit: Int, value: Int, after: Int, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if writes().dropFirst(after).contains(where: { $0.contains("\"unit\": \(unit)") && $0.contains("\"values\": [\(value)]") })
                {
                    return true
                }
                usleep(50_000)
            }
            return false
        }
        for _ in 0..<4 { _ = try c.issue() }
        _ = try c.call("call-next", ["counter": .string("q2")])  // A001 on board 2
        #expect(waitFor(unit: 2, value: 1, after: 0, seconds: 10), "\(writes())")

        // The adapter goes away: the pty behind the link dies.
        sim.stopAndWait()
        _ = try c.call("call-next", ["counter": .string("q1")])  // A002 for board 1, while the bus is down
        usleep(1_500_000)
        let before = writes().count
        // It comes back at the same path.
        sim = try DevicesEndToEndTests.boardSimulator(dir)
        #expect(FileManager.default.fileExists(atPath: dir.file("bus")), "the simulator is back")
        // Within a few seconds both boards show their counter's current number, without a restart of quayd.
        #expect(waitFor(unit: 1, value: 2, after: before, seconds: 15), "board 1 after reset: \(writes().dropFirst(before))")
        #expect(waitFor(unit: 2, value: 1, after: before, seconds: 5), "board 2 after reset: \(writes().dropFirst(before))")
        // And new calls reach the new port.
        _ = try c.call("call-next", ["counter": .string("q2")])  // A003
        #expect(waitFor(unit: 2, value: 3, after: before, seconds: 10), "\(writes().dropFirst(before))")
        var health: JSONValue?
        for _ in 0..<40 {
            health = (try c.call("devices")["devices"]?.array ?? []).first { $0["role"] == .string("boards:q2") }?["state"]
            if health == .string("ready") { break }
            usleep(100_000)
        }
        #expect(health == .string("ready"))
        d.stop()
        let log = d.log
        #expect(log.contains("board bus lost its port"), "the loss is logged")
        #expect(log.contains("board bus reopened"), "the recovery is logged")
    }
}

extension BoardBusRecoveryTests {
    /// The same for the Alpha hall sign: its reader is killed and started again at the same link; the sign shows
    /// the latest call again without a restart of quayd.
    @Test func hallSignComesBackAfterTheAdapterResets() throws {
        let dir = TempDir("quay-e2e-sign-reset")
        func startReader() throws -> SimProcess {
            let sim = try SimProcess(
                script: "alphasign_reader.py", arguments: ["--link", dir.file("sign"), "--out", dir.file("packets.jsonl")])
            for _ in 0..<200 where !FileManager.default.fileExists(atPath: dir.file("sign")) { usleep(50_000) }
            return sim
        }
        var reader = try startReader()
        defer { reader.stop() }
        let config = TestConfig.with(
            """
            [[hall_sign]]
            role = "hall-sign"
            match = "\(dir.file("sign"))"
            """)
        let d = try DaemonProcess(config: config, dir: dir)
        try d.start()
        let c = try d.client()
        func texts() -> [String] {
            ((try? String(contentsOfFile: dir.file("packets.jsonl"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        func waitFor(_ number: String, after: Int, seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if texts().dropFirst(after).contains(where: { $0.contains(number) }) { return true }
                usleep(50_000)
            }
            return false
        }
        for _ in 0..<4 { _ = try c.issue() }
        _ = try c.call("call-next", ["counter": .string("q1")])
        #expect(waitFor("A001", after: 0, seconds: 10), "\(texts())")
        reader.stopAndWait()
        for counter in ["q2", "q1"] { _ = try c.call("call-next", ["counter": .string(counter)]) }  // A002, A003
        usleep(1_000_000)
        let before = texts().count
        reader = try startReader()
        #expect(waitFor("A003", after: before, seconds: 15), "after reset: \(texts().dropFirst(before))")
        d.stop()
        #expect(d.log.contains("hall sign lost its port"))
        #expect(d.log.contains("hall sign reopened"))
    }
}
