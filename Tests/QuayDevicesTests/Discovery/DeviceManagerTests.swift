import Testing
@testable import QuayDevices

@Suite("DeviceManager with a scripted source", .timeLimit(.minutes(1)))
struct DeviceManagerTests {
    typealias S = SampleDevices

    func make(present: [UdevDevice], settle: Duration = .zero, grace: Duration = .zero)
        async throws -> (DeviceManager, ScriptedSource, RecordingDriver, DeviceRegistry)
    {
        let source = ScriptedSource(present: present)
        let driver = RecordingDriver()
        let registry = DeviceRegistry()
        let m = try DeviceManager(
            bindings: [
                try DeviceBinding(role: "printer-0", kind: "printer", matcher: "class=07/01"),
                try DeviceBinding(role: "scanner-0", kind: "scanner", matcher: "vidpid=0c2e:0b61"),
            ],
            registry: registry, drivers: ["printer-0": driver], source: source, settle: settle,
            fallbackGrace: grace)
        return (m, source, driver, registry)
    }

    /// Follows `m` while `body` reads its decisions from `changes`, then stops following.
    func following(
        _ m: DeviceManager, _ changes: AsyncStream<DeviceManagerEvent>,
        _ body: (inout AsyncStream<DeviceManagerEvent>.Iterator) async throws -> Void
    ) async throws {
        let follow = Task { await m.follow() }
        var it = changes.makeAsyncIterator()
        do { try await body(&it) } catch {
            follow.cancel()
            await follow.value
            throw error
        }
        follow.cancel()
        await follow.value
    }

    @Test("start attaches present devices and fills the registry")
    func startAttaches() async throws {
        let (m, _, driver, registry) = try await make(present: S.all)
        try await m.start()
        #expect(await driver.calls == ["attach /dev/usb/lp0"])
        #expect(await m.assignments()["scanner-0"]?.devnode == "/dev/input/event0")
        let h = try #require(await registry.get("printer-0"))
        #expect(h.devnode == "/dev/usb/lp0" && h.state == .ready && h.matcher == "class=07/01" && h.kind == "printer")
        #expect(await m.unassigned().map(\.device.devnode) == ["/dev/ttyUSB0"])
    }

    @Test("an absent device is registered as absent and attached when plugged in")
    func plugLater() async throws {
        let (m, source, driver, registry) = try await make(present: [])
        let changes = await m.changes()
        try await m.start()
        #expect(await registry.get("printer-0")?.state == .absent)
        try await following(m, changes) { it in
            source.send(S.printerInterface, .add)
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            source.send(S.printerLp, .remove)
            #expect(await it.nextDecision() == "detach printer-0")
            #expect(await driver.calls == ["attach /dev/usb/lp0", "detach"])
            let h = try #require(await registry.get("printer-0"))
            #expect(h.state == .absent && h.devnode == nil && h.condition == "disconnected")
        }
    }

    @Test("settle coalesces usb_device + interface + lp0 into one attach to lp0")
    func settleCoalesces() async throws {
        let (m, source, driver, _) = try await make(present: [], settle: .milliseconds(100))
        let changes = await m.changes()
        try await m.start()
        try await following(m, changes) { it in
            source.send(S.printerUSB, .add)
            source.send(S.printerInterface, .add)
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            #expect(await driver.calls == ["attach /dev/usb/lp0"])
        }
    }

    @Test("without settle the same burst moves the printer from libusb to usblp (detach, attach)")
    func noSettleUpgrades() async throws {
        let (m, source, driver, _) = try await make(present: [])
        let changes = await m.changes()
        try await m.start()
        try await following(m, changes) { it in
            source.send(S.printerUSB, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/bus/usb/001/005")
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "detach printer-0")
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            #expect(await driver.calls == ["attach /dev/bus/usb/001/005", "detach", "attach /dev/usb/lp0"])
        }
    }

    @Test("with a fallback grace, lp0 arriving after the settle window still gives one attach, to lp0")
    func lateLpWithinGrace() async throws {
        // A grace far longer than the settle window, so a loaded machine (a slow Task.sleep) does not let it expire
        // before lp0 arrives.
        let grace = Duration.seconds(5)
        let (m, source, driver, _) = try await make(present: [], settle: .milliseconds(20), grace: grace)
        let changes = await m.changes()
        try await m.start()
        try await following(m, changes) { it in
            let t0 = ContinuousClock.now
            source.send(S.printerUSB, .add)
            source.send(S.printerInterface, .add)
            try await Task.sleep(for: .milliseconds(150))  // settle passed, usb_device still too young
            #expect(await m.assignments()["printer-0"] == nil)
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            try await Task.sleep(until: t0 + grace + .milliseconds(300))  // the grace expires: nothing moves
            #expect(await driver.calls == ["attach /dev/usb/lp0"])
        }
    }

    @Test("with a fallback grace and no usblp, the raw usb_device is attached once the grace has passed")
    func rawAfterGrace() async throws {
        let (m, source, driver, _) = try await make(present: [], settle: .milliseconds(20), grace: .milliseconds(300))
        let changes = await m.changes()
        try await m.start()
        try await following(m, changes) { it in
            let t0 = ContinuousClock.now
            source.send(S.printerUSB, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/bus/usb/001/005")
            #expect(ContinuousClock.now - t0 >= .milliseconds(300))
            #expect(await driver.calls == ["attach /dev/bus/usb/001/005"])
        }
    }

    @Test("a remove + add inside the settle window still reaches the driver as detach, attach")
    func fastReplug() async throws {
        let (m, source, driver, _) = try await make(present: S.all, settle: .milliseconds(100))
        try await m.start()
        try await following(m, await m.changes()) { it in  // after start: skip the initial attaches
            source.send(S.printerLp, .remove)
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "detach printer-0")
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            #expect(await driver.calls == ["attach /dev/usb/lp0", "detach", "attach /dev/usb/lp0"])
        }
    }

    @Test("a slow unplug (lp0 removed, the usb_device a settle window later) never binds the printer to the raw usb_device")
    func slowUnplugNoFallback() async throws {
        let (m, source, driver, _) = try await make(present: S.all, settle: .milliseconds(20), grace: .seconds(15))
        try await m.start()
        try await following(m, await m.changes()) { it in
            source.send(S.printerLp, .remove)
            #expect(await it.nextDecision() == "detach printer-0")
            try await Task.sleep(for: .milliseconds(150))  // several settle windows: the usb_device is still there
            #expect(await m.assignments()["printer-0"] == nil)
            source.send(S.printerInterface, .remove)
            source.send(S.printerUSB, .remove)
            source.send(S.printerUSB, .add)
            source.send(S.printerInterface, .add)
            source.send(S.printerLp, .add)
            #expect(await it.nextDecision() == "attach printer-0 /dev/usb/lp0")
            #expect(await driver.calls == ["attach /dev/usb/lp0", "detach", "attach /dev/usb/lp0"])
        }
    }

    @Test("a change event on the bound device does not reattach it")
    func changeKeeps() async throws {
        let (m, source, driver, _) = try await make(present: S.all)
        try await m.start()
        try await following(m, await m.changes()) { it in
            source.send(S.printerLp, .change)
            source.send(S.scannerEvent, .remove)  // a decision to wait for, after the change was handled
            #expect(await it.nextDecision() == "detach scanner-0")
            #expect(await driver.calls == ["attach /dev/usb/lp0"])
        }
    }

    @Test("setDriver on a present role attaches the new driver at once")
    func lateDriver() async throws {
        let (m, _, _, _) = try await make(present: S.all)
        try await m.start()
        let late = RecordingDriver()
        await m.setDriver(late, forRole: "scanner-0")
        #expect(await late.calls == ["attach /dev/input/event0"])
    }

    @Test("cancelling follow detaches every attached driver and ends changes()")
    func cancelDetaches() async throws {
        let (m, _, driver, registry) = try await make(present: S.all)
        let changes = await m.changes()
        try await m.start()
        let follow = Task { await m.follow() }
        follow.cancel()
        await follow.value
        #expect(await driver.calls == ["attach /dev/usb/lp0", "detach"])
        #expect(await registry.get("scanner-0")?.state == .absent)
        var seen = 0
        for await _ in changes { seen += 1 }
        #expect(seen >= 3)  // ready + 2 attaches + 2 detaches, then the stream finished
    }
}
