import Logging

/// Finds the configured devices, follows hotplug, and tells each role's driver when its node appears or goes.
///
/// ```swift
/// let manager = try DeviceManager(bindings: [
///     DeviceBinding(role: "printer-0", kind: "printer", matcher: "id_path=pci-0000:00:14.0-usb-0:2:1.0"),
/// ], registry: registry)
/// await manager.setDriver(printer0, forRole: "printer-0")
/// try await manager.start()          // scan; attached drivers are called before this returns
/// let task = Task { await manager.follow() }   // until cancelled; then every driver gets detach()
/// ```
/// Keeps `DeviceRegistry` up to date for every role: devnode, `.ready`/"present" on attach, `.absent`/
/// "disconnected" on detach (drivers refine the state afterwards: paper-out, timeout...).
public actor DeviceManager {
    public nonisolated let bindings: [DeviceBinding]
    private let registry: DeviceRegistry
    private let source: any DeviceEventSource
    private let settle: Duration
    private let fallbackGrace: Duration
    private let logger: Logger

    private var drivers: [String: any DeviceAttachable]
    /// Present devices by syspath.
    private var devices: [String: UdevDevice] = [:]
    /// Role -> device its driver was attached to.
    private var assigned: [String: UdevDevice] = [:]
    /// Roles whose device was removed since the last reconcile (re-plugged fast: still detach + attach).
    private var lost = Set<String>()
    private var pending: AsyncStream<UdevDevice>?
    private var started = false
    private var stopped = false
    private var reconciling = false
    private var dirty = false
    private var settleTask: Task<Void, Never>?
    private var graceTask: Task<Void, Never>?
    /// When each present device appeared (hotplug); devices found by the start scan count as old.
    private var seenAt: [String: ContinuousClock.Instant] = [:]
    private var subscribers: [UInt64: AsyncStream<DeviceManagerEvent>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 0

    /// - Parameters:
    ///   - bindings: roles in priority order (a device serves the first role that matches it).
    ///   - drivers: role -> driver; more can be set later with `setDriver`.
    ///   - source: `LibudevSource()` in the daemon; tests pass a scripted source.
    ///   - settle: events are coalesced for this long before roles are re-evaluated, so that a printer plugged
    ///     in (usb_device, interface, lp0 within milliseconds) attaches once, to /dev/usb/lp0.
    ///   - fallbackGrace: a raw usb_device that appears by hotplug is not used (libusb fallback) until it has been
    ///     present this long, so that a slow kernel or a busy machine that delivers lp0 after the settle window
    ///     does not bind the printer to libusb first and then move it (detach + attach) to usblp.
    public init(
        bindings: [DeviceBinding], registry: DeviceRegistry,
        drivers: [String: any DeviceAttachable] = [:],
        source: any DeviceEventSource = LibudevSource(),
        settle: Duration = .milliseconds(200),
        fallbackGrace: Duration = .seconds(2),
        logger: Logger = Logger(label: "quay.devices.discovery")
    ) throws(DeviceBindingError) {
        try DeviceBinding.validate(bindings)
        self.bindings = bindings
        self.registry = registry
        self.drivers = drivers
        self.source = source
        self.settle = settle
        self.fallbackGrace = fallbackGrace
        self.logger = logger
    }

    // MARK: lifecycle

    /// Registers every role in the registry, starts listening, scans present devices and attaches drivers.
    /// Call once.
    public func start() async throws(UdevError) {
        guard !started else { return }
        started = true
        for b in bindings where await registry.get(b.role) == nil {
            await registry.register(DeviceHealth(role: b.role, kind: b.kind.rawValue, matcher: b.matcher.description))
        }
        let (present, events) = try await source.start()
        for d in present { devices[d.syspath] = d }
        pending = events
        logger.info("device scan", metadata: ["devices": "\(present.count)", "roles": "\(bindings.count)"])
        await reconcile()
        publish(.ready(devices: presentDevices(), unassigned: unassigned()))
    }

    /// Follows hotplug until the calling task is cancelled or the source ends; then detaches every driver.
    public func follow() async {
        guard let events = pending else { return }
        pending = nil
        for await event in events {
            apply(event)
            publish(.uevent(event))
            if settle == .zero {
                await reconcile()
            } else if settleTask == nil {
                let delay = settle
                settleTask = Task { [weak self] in
                    guard (try? await Task.sleep(for: delay)) != nil else { return }
                    await self?.settled()
                }
            }
        }
        stopped = true
        settleTask?.cancel()
        settleTask = nil
        graceTask?.cancel()
        graceTask = nil
        for b in bindings { await release(b.role) }
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    /// `start()` then `follow()`.
    public func run() async throws(UdevError) {
        try await start()
        await follow()
    }

    // MARK: queries

    /// Sets (or, with nil, removes) the driver of a role. If the role's device is present the new driver is
    /// attached at once; a replaced driver is detached first.
    public func setDriver(_ driver: (any DeviceAttachable)?, forRole role: String) async {
        let old = drivers[role]
        drivers[role] = driver
        guard let device = assigned[role], let node = device.devnode else { return }
        await old?.detach()
        await driver?.attach(devnode: node)
    }

    /// Role -> device currently attached.
    public func assignments() -> [String: UdevDevice] { assigned }

    /// Every present device in the watched subsystems, by syspath.
    public func presentDevices() -> [UdevDevice] { devices.values.sorted { $0.syspath < $1.syspath } }

    /// Devices a driver could open that no role uses, with matchers to paste into the configuration.
    public func unassigned() -> [UnassignedDevice] {
        DeviceAssignment.unassigned(devices: presentDevices(), assigned: assigned).map(UnassignedDevice.init)
    }

    /// Scan result, raw uevents and attach/detach decisions, from now on, until `follow()` ends.
    public func changes() -> AsyncStream<DeviceManagerEvent> {
        let (stream, c) = AsyncStream.makeStream(of: DeviceManagerEvent.self)
        nextSubscriber += 1
        let id = nextSubscriber
        subscribers[id] = c
        c.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        return stream
    }

    // MARK: internals

    private func unsubscribe(_ id: UInt64) { subscribers[id] = nil }

    private func publish(_ e: DeviceManagerEvent) {
        for c in subscribers.values { c.yield(e) }
    }

    private func apply(_ event: UdevDevice) {
        switch event.action {
        case .remove:
            devices[event.syspath] = nil
            seenAt[event.syspath] = nil
            for (role, d) in assigned where d.syspath == event.syspath { lost.insert(role) }
            // An unplug removes lp0, its interface and the usb_device one uevent at a time; a reconcile that
            // falls between them (a slow machine) must not move the printer to the raw usb_device that is about
            // to go too. A usb_device whose subtree just lost a node waits `fallbackGrace` like a new one.
            for (path, d) in devices
            where d.subsystem == "usb" && d.devtype == "usb_device"
                && event.syspath.hasPrefix(path + "/")
            {
                seenAt[path] = .now
            }
        case .unbind, .offline:
            // The driver went away; a remove usually follows. Keep the device, its node may still exist.
            devices[event.syspath] = event
        default:
            if devices[event.syspath] == nil { seenAt[event.syspath] = .now }
            devices[event.syspath] = event
        }
    }

    /// Present devices a role may take now: everything but raw usb_devices younger than `fallbackGrace` (unless
    /// already in use). Schedules another reconcile for when the youngest of those comes of age.
    private func eligibleDevices() -> [UdevDevice] {
        let now = ContinuousClock.now
        let inUse = Set(assigned.values.map(\.syspath))
        var wait: Duration?
        let out = presentDevices().filter { d in
            guard fallbackGrace > .zero, d.subsystem == "usb", d.devtype == "usb_device",
                !inUse.contains(d.syspath), let seen = seenAt[d.syspath]
            else { return true }
            let age = now - seen
            if age >= fallbackGrace { return true }
            wait = min(wait ?? fallbackGrace, fallbackGrace - age)
            return false
        }
        if let wait, graceTask == nil {
            graceTask = Task { [weak self] in
                guard (try? await Task.sleep(for: wait)) != nil else { return }
                await self?.graceExpired()
            }
        }
        return out
    }

    private func graceExpired() async {
        graceTask = nil
        await reconcile()
    }

    private func settled() async {
        settleTask = nil
        await reconcile()
    }

    /// Moves every role to its best present device, calling drivers for the differences. Not re-entered:
    /// events arriving meanwhile mark it dirty and it runs again.
    private func reconcile() async {
        if reconciling {
            dirty = true
            return
        }
        reconciling = true
        defer { reconciling = false }
        repeat {
            dirty = false
            let target = DeviceAssignment.assign(bindings, devices: eligibleDevices(), current: assigned)
            for b in bindings {
                if stopped { return }
                let old = assigned[b.role], new = target[b.role]
                let same =
                    old != nil && old?.syspath == new?.syspath && old?.devnode == new?.devnode
                    && !lost.contains(b.role)
                if same {
                    assigned[b.role] = new  // refreshed properties after a change event
                    continue
                }
                lost.remove(b.role)
                if old != nil { await release(b.role) }
                if let new, let node = new.devnode {
                    assigned[b.role] = new
                    await registry.update(b.role) { h in
                        h.devnode = node
                        h.state = .ready
                        h.condition = "present"
                        h.lastError = nil
                    }
                    logger.info("device attached", metadata: ["role": "\(b.role)", "devnode": "\(node)", "syspath": "\(new.syspath)"])
                    await drivers[b.role]?.attach(devnode: node)
                    publish(.attached(role: b.role, device: new))
                }
            }
        } while dirty && !stopped
    }

    private func release(_ role: String) async {
        guard let old = assigned.removeValue(forKey: role) else { return }
        await drivers[role]?.detach()
        await registry.update(role) { h in
            h.devnode = nil
            h.state = .absent
            h.condition = "disconnected"
        }
        logger.info("device detached", metadata: ["role": "\(role)", "devnode": "\(old.devnode ?? "-")"])
        publish(.detached(role: role, device: old))
    }
}
