import Foundation

/// Where `DeviceManager` gets devices from: libudev in the daemon, a scripted list in unit tests.
public protocol DeviceEventSource: Sendable {
    /// Starts listening for events, then returns the devices present now and the events that follow.
    /// Listening must begin before the scan so that nothing plugged in between is lost.
    func start() async throws(UdevError) -> (present: [UdevDevice], events: AsyncStream<UdevDevice>)
}

/// The real source: a `UdevMonitor` (netlink, own thread) whose thread enumerates the present devices first.
public struct LibudevSource: DeviceEventSource {
    public var subsystems: [String]

    public init(subsystems: [String] = Udev.discoverySubsystems) { self.subsystems = subsystems }

    public func start() async throws(UdevError) -> (present: [UdevDevice], events: AsyncStream<UdevDevice>) {
        // The scan reads sysfs synchronously: the monitor's own thread does it, never the async executor.
        let (scanned, done) = AsyncStream.makeStream(of: Result<[UdevDevice], UdevError>.self, bufferingPolicy: .bufferingNewest(1))
        let monitor = try UdevMonitor(subsystems: subsystems) { result in
            done.yield(result)
            done.finish()
        }
        var results = scanned.makeAsyncIterator()
        switch await results.next() ?? .failure(.call("udev scan", errno: 0)) {
        case .success(let present): return (present, monitor.events)
        case .failure(let e):
            monitor.stop()
            throw e
        }
    }
}
