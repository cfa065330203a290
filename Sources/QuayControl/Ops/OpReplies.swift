/// The body type each op's success reply decodes into (declared with the op in `OpCatalog`;
/// docs/protocol.md). quayd encodes these types; quayctl,
/// tests and other clients decode them. `watch` answers `WatchSnapshotBody` first, then `WatchLine`s.
/// `device-test` answers one of three shapes, hence `DeviceTestBody`.
public enum OpReplies {
    public static func bodyType(for op: String) -> (any Codable.Type)? { OpCatalog.spec(op)?.reply }
}
