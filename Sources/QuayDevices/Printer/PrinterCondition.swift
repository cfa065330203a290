/// What a ticket printer can do right now, as the kiosk and the technician need to know it.
public enum PrinterCondition: String, Sendable, Codable, Equatable, CaseIterable {
    case ready
    /// Printing works but the roll is almost empty: warn the technician, keep printing.
    case paperNearEnd = "paper-near-end"
    case paperOut = "paper-out"
    case coverOpen = "cover-open"
    /// Offline or in an error state the printer reports (cutter jam, head hot, waiting for recovery).
    case offline
    /// The device node is gone or the printer does not answer at all.
    case disconnected

    /// True when a ticket may be sent.
    public var canPrint: Bool { self == .ready || self == .paperNearEnd }

    /// The short machine code used in `DeviceHealth.condition`.
    public var code: String { rawValue }
}
