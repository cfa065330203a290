import Testing

/// Real libudev (enumeration, netlink monitor, parent interface attributes) against umockdev testbeds with the
/// printer (usblp, class 07/01), the CH340 tty and the Honeywell evdev scanner from Tests/Fixtures/umockdev.
@Suite("Discovery under umockdev", .serialized, .enabled(if: DeviceSimHarness.enabled, "QUAY_SKIP_DEVICE_SIMS=1"))
struct UmockdevDiscoveryTests {
    @Test("enumeration applies bindings and lists the unbound scanner", .timeLimit(.minutes(1)))
    func enumerate() async throws {
        let r = try await DeviceSimHarness.run("enumerate")
        #expect(r.ok)
        #expect(r.attach == ["printer-0": 1, "serial-0": 1, "scanner-0": 0, "spare-0": 0])
        #expect(r.unassigned == ["/dev/input/event0"])
        #expect(r.rc == 0)
    }

    @Test("add/remove/change uevents drive attach and detach", .timeLimit(.minutes(1)))
    func hotplug() async throws {
        let r = try await DeviceSimHarness.run("hotplug")
        #expect(r.ok)
        #expect(r.attach["printer-0"] == 3)
        #expect(r.detach == ["printer-0": 3, "serial-0": 1, "scanner-0": 1, "spare-0": 0])
        #expect(r.uevents >= 19)  // 1 change + 3 printer cycles of 3 + scanner 4 + serial 4 removes
    }

    @Test("100 unplug/replug cycles: no crash, every cycle attached, no leaked descriptors", .timeLimit(.minutes(3)))
    func soak() async throws {
        let r = try await DeviceSimHarness.run("soak", extra: ["100"])
        #expect(r.ok)
        // Every cycle attached (an extra pair may appear when a cycle straddles the settle window under load),
        // and every attach has its detach (100 unplugs + SIGTERM at least).
        #expect((r.attach["printer-0"] ?? 0) >= 101)
        #expect(r.detach["printer-0"] == r.attach["printer-0"])
        let start = try #require(r.fds["cycle1"]), end = try #require(r.fds["end"])
        #expect(start == end, "descriptors after cycle 1: \(start), after cycle 100: \(end)")
        #expect(r.rc == 0)
    }
}
