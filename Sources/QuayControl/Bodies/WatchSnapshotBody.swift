/// The first line of `watch`: the queue, the last event it includes, and device health when asked for.
public struct WatchSnapshotBody: Codable, Sendable, Equatable {
    public var snapshot: QueueSnapshot
    public var lastEventSeq: Int64
    public var devices: [DeviceHealthView]?

    public init(snapshot: QueueSnapshot, lastEventSeq: Int64, devices: [DeviceHealthView]? = nil) {
        self.snapshot = snapshot
        self.lastEventSeq = lastEventSeq
        self.devices = devices
    }
}
