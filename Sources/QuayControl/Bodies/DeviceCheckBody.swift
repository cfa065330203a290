/// `device-identify`, and `device-test` on a board bus or a hall sign.
public struct DeviceCheckBody: Codable, Sendable, Equatable {
    public var role: String
    /// Counter ids of the boards on a bus.
    public var boards: [String]
    /// Counter id -> why its board did not answer.
    public var failed: [String: String]

    public init(role: String, boards: [String], failed: [String: String]) {
        self.role = role
        self.boards = boards
        self.failed = failed
    }
}
