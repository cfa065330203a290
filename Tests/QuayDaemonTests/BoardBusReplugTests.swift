import Foundation
import Testing

/// A board bus matched by USB ids (`vidpid=1a86:7523`, a CH340 USB–RS-485 bridge) unplugged and plugged again
/// under umockdev (scripts/sim/boardbus-replug-testbed.py): quayd marks the bus absent, binds the bridge again when
/// it comes back (as /dev/ttyUSB1), and the Modbus board simulator behind it gets the number called while it was
/// away, then the next call. No restart.
@Suite("Board bus replug under umockdev", .serialized)
struct BoardBusReplugTests {
    @Test func boardsGetFramesAgainAfterTheBridgeIsReplugged() throws {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return }
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper"),
            "umockdev missing: install scripts/debian-packages.txt or set QUAY_SKIP_DEVICE_SIMS=1")
        let dir = TempDir("quay-board-replug")
        let config = TestConfig.with(
            """
            [discovery]
            settle_ms = 100

            [[board_bus]]
            role = "boards"
            match = "vidpid=1a86:7523"
            model = "generic-4digit"
            [board_bus.boards]
            q1 = 1
            q2 = 2
            """)
        try config.write(toFile: dir.file("quayd.toml"), atomically: true, encoding: .utf8)
        let state = dir.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let sim = try SimProcess(script: "boardbus-replug-testbed.py", arguments: [Binaries.quayd, dir.file("quayd.toml"), state])
        defer { sim.stop() }
        let line = try sim.waitFor("RESULT ", timeout: 180)
        let result = try JSONSerialization.jsonObject(with: Data(line.dropFirst("RESULT ".count).utf8)) as? [String: Any]
        let failures = result?["failures"] as? [String] ?? ["no failures list"]
        let log = (try? String(contentsOfFile: state + "/quayd.log", encoding: .utf8))?.suffix(3000) ?? ""
        #expect(failures.isEmpty, "\(failures)\n\(log)")
        #expect(result?["ok"] as? Bool == true)
    }
}
