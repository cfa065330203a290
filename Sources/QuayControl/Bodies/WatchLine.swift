import QuayCore

/// A line of the watch stream after the first: a queue event with the ticket as it is after the change, a device
/// change, or a scan. The stream's closing `slow-consumer` line is an error reply, not a `WatchLine`.
public struct WatchLine: Codable, Sendable, Equatable {
    public var event: QueueEvent?
    public var ticket: Ticket?
    public var device: DeviceHealthView?
    public var scan: ScanEvent?

    public init(event: QueueEvent? = nil, ticket: Ticket? = nil, device: DeviceHealthView? = nil, scan: ScanEvent? = nil) {
        self.event = event
        self.ticket = ticket
        self.device = device
        self.scan = scan
    }
}
