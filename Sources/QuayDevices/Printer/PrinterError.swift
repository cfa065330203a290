/// Why a ticket was not printed. Each case maps to one citizen-facing message (the kiosk shows, in the
/// citizen's language, "the printer is out of paper, please note your number: A015") via `messageKey`.
public enum PrinterError: Error, Sendable, Equatable, CustomStringConvertible {
    case paperOut
    case coverOpen
    /// The printer reports offline or an error (cutter jam, overheating).
    case offline
    /// No device node / USB device, or it vanished during the job.
    case disconnected
    /// The printer stopped accepting data or did not answer a status request in time.
    case stalled
    /// Another I/O failure (permission denied, busy...), with detail for the technician's log.
    case io(String)

    /// Stable key for the message catalogue: "printer.paper-out", "printer.cover-open", ...
    public var messageKey: String {
        switch self {
        case .paperOut: return "printer.paper-out"
        case .coverOpen: return "printer.cover-open"
        case .offline: return "printer.offline"
        case .disconnected: return "printer.disconnected"
        case .stalled: return "printer.stalled"
        case .io: return "printer.error"
        }
    }

    /// The condition to show in device health.
    public var condition: PrinterCondition {
        switch self {
        case .paperOut: return .paperOut
        case .coverOpen: return .coverOpen
        case .offline, .stalled, .io: return .offline
        case .disconnected: return .disconnected
        }
    }

    /// The error for a printer condition that forbids printing (nil when printing is allowed).
    public static func refusing(_ c: PrinterCondition) -> PrinterError? {
        switch c {
        case .ready, .paperNearEnd: return nil
        case .paperOut: return .paperOut
        case .coverOpen: return .coverOpen
        case .offline: return .offline
        case .disconnected: return .disconnected
        }
    }

    public static func from(_ e: PrinterIOError) -> PrinterError {
        switch e {
        case .notFound, .disconnected: return .disconnected
        case .stalled: return .stalled
        case .failed(let s): return .io(s)
        }
    }

    /// The `code` of a refusal on the wire: `printer-paper-out`, `printer-stalled`, ...
    public var code: String { "printer-" + messageKey.dropFirst("printer.".count) }

    /// An English sentence for staff (logs, `devices`' LAST ERROR, the `message` of an error reply); citizens get
    /// the catalogue's text for `messageKey` in their language.
    public var description: String {
        switch self {
        case .paperOut: return "the printer is out of paper"
        case .coverOpen: return "the printer's cover is open"
        case .offline: return "the printer reports offline or an error (cutter jam, overheating)"
        case .disconnected: return "the printer is not connected (unplugged, or its device node is missing)"
        case .stalled: return "the printer stopped answering (no status reply or no data accepted in time)"
        case .io(let s): return "printer I/O error: \(s)"
        }
    }
}
