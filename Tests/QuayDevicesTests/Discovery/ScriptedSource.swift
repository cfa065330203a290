@testable import QuayDevices

/// A DeviceEventSource whose present devices and later events the test controls.
final class ScriptedSource: DeviceEventSource {
    let present: [UdevDevice]
    let stream: AsyncStream<UdevDevice>
    let continuation: AsyncStream<UdevDevice>.Continuation

    init(present: [UdevDevice]) {
        self.present = present
        (stream, continuation) = AsyncStream.makeStream(of: UdevDevice.self)
    }

    func start() async throws(UdevError) -> (present: [UdevDevice], events: AsyncStream<UdevDevice>) {
        (present, stream)
    }

    func send(_ d: UdevDevice, _ action: UdevAction) { continuation.yield(SampleDevices.with(d, action: action)) }
}

/// Records the manager's calls in order.
actor RecordingDriver: DeviceAttachable {
    private(set) var calls: [String] = []
    func attach(devnode: String) { calls.append("attach \(devnode)") }
    func detach() { calls.append("detach") }
}

extension AsyncStream<DeviceManagerEvent>.Iterator {
    /// Next attach/detach decision, skipping raw uevents and the ready event.
    mutating func nextDecision() async -> String? {
        while let e = await next() {
            switch e {
            case .attached(let role, let d): return "attach \(role) \(d.devnode ?? "-")"
            case .detached(let role, _): return "detach \(role)"
            case .ready, .uevent: continue
            }
        }
        return nil
    }
}
