import Logging
import QuayDevices
import QuayWeb
import ServiceLifecycle

/// Runs device discovery for the daemon's lifetime: opens path-configured devices, scans, then follows hotplug
/// until shutdown (every driver is detached on the way out). If udev is not usable (no /sys, no netlink) the
/// daemon keeps running with the path-configured devices and reports it in `quayctl devices`.
struct DiscoveryService: LifecycleService {
    let devices: DaemonDevices
    let registry: DeviceRegistry
    let logger: Logger

    func run() async throws {
        await devices.attachStatic()
        await follow()
        await devices.closeStatic()
    }

    private func follow() async {
        guard let manager = devices.manager else {
            try? await gracefulShutdown()
            return
        }
        do {
            try await manager.start()
        } catch {
            logger.error("device discovery unavailable; devices configured by matcher stay absent", metadata: ["error": "\(error)"])
            await registry.register(
                DeviceHealth(
                    role: "discovery", kind: "udev", matcher: "libudev", state: .error,
                    condition: "unavailable", lastError: "\(error)"))
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { await manager.follow() }
    }
}
