import Foundation

/// Where `DeviceManager` gets devices from: libudev in the daemon, a scripted list in unit tests.
public protocol DeviceEventSource: Sendable {
    /// Starts listening for events, then returns the devices present now and the events that follow.
    /// Listening must begin before the scan so that nothing plugged in between is lost.
    func start() async throws(UdevError) -> (present: [UdevDevice], events: AsyncStream<UdevDevice>)
}

/// The real source: a `UdevMonitor` (netlink, own thread) then a libudev enumeration.
public struct LibudevSource: DeviceEventSource {
    public var subsystems: [String]

    public init(subsystems: [String] = Udev.discoverySubsystems) { self.subsystems = subsystems }

    public func start() async throws(UdevError) -> (present: [UdevDevice], events: AsyncStream<UdevDevice>) {
        let monitor = try UdevMonitor(subsystems: subsystems)
        // The scan reads sysfs synchronously: do it on a throwaway thread, not on the async executor.
        let subsystems = self.subsystems
        let result = await withCheckedContinuation { (c: CheckedContinuation<Result<[UdevDevice], UdevError>, Never>) in
            let t = Thread {
                do throws(UdevError) { c.resume(returning: .success(try Udev().enumerate(subsystems: subsystems))) } catch {
                    c.resume(returning: .failure(error))
                }
            }
            t.name = "quay-udev-scan"
            t.start()
        }
        switch result {
        case .success(let present): return (present, monitor.events)
        case .failure(let e):
            monitor.stop()
            throw e
        }
    }
}
