import Foundation
import Testing

/// The real quayd inside a umockdev testbed (scripts/sim/quayd-testbed.py): libudev enumeration binds the printer
/// (class=07/01 → /dev/usb/lp0) and, with the scanner, the board bus (vidpid=1a86:7523 → /dev/ttyUSB0); the unbound scanner is
/// listed with a matcher to paste, tickets print through usblp, unplug makes the role absent and refuses kiosk
/// issues without taking a number, replug resumes without a restart; then a replug soak while another client
/// issues tickets (QUAY_HOTPLUG_CYCLES, default 100): no crash, no leaked descriptors, no duplicate or missing number.
@Suite("quayd discovery and hotplug under umockdev", .serialized)
struct DiscoveryEndToEndTests {
    static let config = TestConfig.with(
        """
        [discovery]
        settle_ms = 100

        [[printer_profile]]
        name = "blind-80"
        paper_width_dots = 576
        status_replies = false

        [[printer]]
        role = "printer-0"
        match = "class=07/01"
        profile = "blind-80"
        """)

    /// Runs one scenario of scripts/sim/quayd-testbed.py and returns its RESULT object (failures recorded).
    func run(_ scenario: String, config: String, extra: [String] = []) throws -> [String: Any]? {
        guard ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" else { return nil }
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper"),
            "umockdev missing: install scripts/debian-packages.txt or set QUAY_SKIP_DEVICE_SIMS=1")
        let dir = TempDir("quay-discovery-e2e")
        try config.write(toFile: dir.file("quayd.toml"), atomically: true, encoding: .utf8)
        let state = dir.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let sim = try SimProcess(script: "quayd-testbed.py", arguments: [Binaries.quayd, dir.file("quayd.toml"), state, scenario] + extra)
        defer { sim.stop() }
        let line = try sim.waitFor("RESULT ", timeout: 300)
        let result = try JSONSerialization.jsonObject(with: Data(line.dropFirst("RESULT ".count).utf8)) as? [String: Any]
        let failures = result?["failures"] as? [String] ?? ["no failures list"]
        let log = (try? String(contentsOfFile: state + "/quayd.log", encoding: .utf8))?.suffix(3000) ?? ""
        #expect(failures.isEmpty, "\(failures) fd diff: \(String(describing: result?["fd_diff"]))\n\(log)")
        #expect(result?["ok"] as? Bool == true)
        return result
    }

    @Test func bindsPrintsAndSurvivesReplugCycles() throws {
        let cycles = ProcessInfo.processInfo.environment["QUAY_HOTPLUG_CYCLES"] ?? "100"
        guard let result = try run("hotplug", config: Self.config, extra: [cycles]) else { return }
        #expect(result["cycles"] as? Int == Int(cycles))
        #expect((result["soak_issued"] as? Int ?? 0) > 0)
    }

    /// A clerk's USB keypad for counter q1 (the fixture's evdev node): Enter calls A001, + recalls, * starts
    /// serving, / finishes, Enter calls A002, − no-show, Enter calls A003, . returns it to the queue, Enter calls,
    /// 0 then 2 transfers that citizen to the second service; keys without an action change nothing.
    @Test func counterKeypadDrivesTheQueue() throws {
        let config =
            Self.config + """

                [[keypad]]
                role = "keypad-q1"
                match = "id_path=pci-0000:00:14.0-usb-0:3:1.0"
                counter = "q1"
                """
        guard let result = try run("keypad", config: config) else { return }
        #expect((result["keypad_events"] as? [[Any]])?.count == 10)
    }

    /// A keyboard-wedge scanner at kiosk k1: a receipt scan issues and prints a return ticket, an ID card QR gives
    /// the age only, a ticket QR is looked up, garbage is refused, `device-test` waits for one scan.
    @Test func scannerAtTheKioskIssuesReturnTickets() throws {
        let config =
            Self.config + """

                [[board_bus]]
                role = "boards"
                match = "vidpid=1a86:7523"
                [board_bus.boards]
                q1 = 1

                [[scanner]]
                role = "scanner-0"
                match = "id_path=pci-0000:00:14.0-usb-0:3:1.0"
                kiosk = "k1"

                [dossiers]
                return_service = "datdai"
                """
        guard let result = try run("scan", config: config) else { return }
        let receipt = result["scan_receipt"] as? [String: Any]
        #expect(receipt?["kind"] as? String == "receipt")
    }
}
