/// `queue`: `{"snapshot":{…}}`. quayd sends the snapshot's JSON from its cache (`Wire.ok(_:rawField:json:)`);
/// clients decode it with this type.
public struct QueueBody: Codable, Sendable, Equatable {
    public var snapshot: QueueSnapshot

    public init(snapshot: QueueSnapshot) { self.snapshot = snapshot }
}
